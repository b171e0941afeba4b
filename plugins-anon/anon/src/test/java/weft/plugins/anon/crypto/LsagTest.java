package weft.plugins.anon.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class LsagTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PAYLOAD = "proposal response payload".getBytes(StandardCharsets.UTF_8);

    private final List<BigInteger> secrets = new ArrayList<>();
    private final Ring ring;

    LsagTest() {
        List<ECPoint> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BigInteger x = P256.randomScalar(RANDOM);
            secrets.add(x);
            keys.add(P256.multiplyG(x));
        }
        ring = Ring.of(keys);
    }

    private record Signed(ECPoint base, ECPoint image, byte[] signature) {
    }

    private Signed sign(int index, byte[] payload) {
        ECPoint base = Lsag.linkBase(ring.digest(), payload);
        ECPoint image = Lsag.keyImage(secrets.get(index), base);
        return new Signed(base, image, Lsag.sign(ring, index, secrets.get(index), base, image, payload, RANDOM));
    }

    @Test
    void everyMemberCanSignAndTheSignatureVerifies() {
        for (int i = 0; i < ring.size(); i++) {
            Signed signed = sign(i, PAYLOAD);
            assertTrue(Lsag.verify(ring, signed.base(), signed.image(), PAYLOAD, signed.signature()), "member " + i);
        }
    }

    @Test
    void aChangedMessageOrLinkTagOrResponseFailsVerification() {
        Signed signed = sign(2, PAYLOAD);
        assertFalse(Lsag.verify(ring, signed.base(), signed.image(), "other".getBytes(StandardCharsets.UTF_8),
                signed.signature()));
        assertFalse(Lsag.verify(ring, signed.base(), signed.image().twice(), PAYLOAD, signed.signature()));
        for (int position = 0; position < signed.signature().length; position += 32) {
            byte[] tampered = signed.signature().clone();
            tampered[position + 31] ^= 1;
            assertFalse(Lsag.verify(ring, signed.base(), signed.image(), PAYLOAD, tampered), "byte " + position);
        }
    }

    @Test
    void aResponseAboveTheGroupOrderIsRefusedEvenWhenItWouldReduceToAValidOne() {
        Signed signed = sign(0, PAYLOAD);
        byte[] sig = signed.signature();
        BigInteger s1 = P256.scalarAt(sig, 64);
        BigInteger unreduced = s1.add(P256.N);
        if (unreduced.bitLength() <= 256) {
            byte[] aliased = sig.clone();
            System.arraycopy(P256.fixed(unreduced), 0, aliased, 64, 32);
            assertFalse(Lsag.verify(ring, signed.base(), signed.image(), PAYLOAD, aliased));
        }
        assertFalse(Lsag.verify(ring, signed.base(), signed.image(), PAYLOAD, new byte[sig.length - 32]));
    }

    @Test
    void aRandomSignatureIsRejected() {
        Signed signed = sign(1, PAYLOAD);
        byte[] forged = new byte[signed.signature().length];
        for (int i = 0; i < ring.size() + 1; i++) {
            System.arraycopy(P256.fixed(P256.randomScalar(RANDOM)), 0, forged, 32 * i, 32);
        }
        assertFalse(Lsag.verify(ring, signed.base(), signed.image(), PAYLOAD, forged));
    }

    @Test
    void aMemberHasOneLinkTagPerPayloadAndDifferentMembersHaveDifferentTags() {
        assertEquals(sign(3, PAYLOAD).image(), sign(3, PAYLOAD).image());
        assertNotEquals(sign(3, PAYLOAD).image(), sign(4, PAYLOAD).image());
        assertNotEquals(sign(3, PAYLOAD).image(), sign(3, "another payload".getBytes(StandardCharsets.UTF_8)).image());
    }

    @Test
    void twoSignaturesOfTheSameMemberDifferButShareTheTag() {
        Signed a = sign(1, PAYLOAD);
        Signed b = sign(1, PAYLOAD);
        assertFalse(java.util.Arrays.equals(a.signature(), b.signature()));
        assertArrayEquals(P256.compressed(a.image()), P256.compressed(b.image()));
    }

    @Test
    void aSignerOutsideTheRingCannotSignForIt() {
        BigInteger outsider = P256.randomScalar(RANDOM);
        List<ECPoint> substituted = new ArrayList<>(ring.keys());
        substituted.set(0, P256.multiplyG(outsider));
        Ring other = Ring.of(substituted);
        ECPoint base = Lsag.linkBase(ring.digest(), PAYLOAD);
        ECPoint image = Lsag.keyImage(outsider, base);
        byte[] signature = Lsag.sign(other, 0, outsider, base, image, PAYLOAD, RANDOM);
        assertTrue(Lsag.verify(other, base, image, PAYLOAD, signature));
        assertFalse(Lsag.verify(ring, base, image, PAYLOAD, signature));
        assertThrows(IllegalArgumentException.class,
                () -> Lsag.sign(ring, 0, outsider, base, image, PAYLOAD, RANDOM));
    }

    @Test
    void theRingDigestDependsOnTheKeysAndTheirOrder() {
        List<ECPoint> reversed = new ArrayList<>(ring.keys());
        java.util.Collections.reverse(reversed);
        assertFalse(java.util.Arrays.equals(ring.digest(), Ring.of(reversed).digest()));
        assertArrayEquals(ring.digest(), Ring.of(ring.keys()).digest());
    }
}
