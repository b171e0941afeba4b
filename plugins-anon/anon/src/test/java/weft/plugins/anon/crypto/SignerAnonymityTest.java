package weft.plugins.anon.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * What a ring endorsement shows about its signer's position: nothing structural (same lengths, same field
 * layout, no index anywhere), and no statistical trace in the responses, which are uniform scalars at every
 * position whoever signed.
 */
class SignerAnonymityTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RING_SIZE = 4;
    private static final int SAMPLES = 240;

    private final List<BigInteger> secrets = new ArrayList<>();
    private final Ring ring;

    SignerAnonymityTest() {
        List<ECPoint> keys = new ArrayList<>();
        for (int i = 0; i < RING_SIZE; i++) {
            BigInteger x = P256.randomScalar(RANDOM);
            secrets.add(x);
            keys.add(P256.multiplyG(x));
        }
        ring = Ring.of(keys);
    }

    private byte[][] endorse(int signer, byte[] payload) {
        ECPoint base = Lsag.linkBase(ring.digest(), payload);
        ECPoint image = Lsag.keyImage(secrets.get(signer), base);
        byte[] endorser = EndorserField.ring(ring.digest(), image);
        byte[] signature = Lsag.sign(ring, signer, secrets.get(signer), base, image, payload, RANDOM);
        return new byte[][] {endorser, signature};
    }

    @Test
    void endorsementsOfEveryMemberHaveTheSameLayoutAndCarryNoIndex() {
        byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
        for (int signer = 0; signer < RING_SIZE; signer++) {
            byte[][] endorsement = endorse(signer, payload);
            assertEquals(EndorserField.RING_LENGTH, endorsement[0].length);
            assertEquals(EndorserField.RING, endorsement[0][0]);
            assertEquals(32 * (RING_SIZE + 1), endorsement[1].length, "c0 and one response per member, nothing else");
            for (int offset = 0; offset < endorsement[1].length; offset += 32) {
                assertTrue(P256.scalarAt(endorsement[1], offset).compareTo(P256.N) < 0);
            }
            // The verifier is given no position: the same call accepts every member's signature.
            ECPoint base = Lsag.linkBase(ring.digest(), payload);
            assertTrue(Lsag.verify(ring, base, EndorserField.linkTag(endorsement[0]), payload, endorsement[1]));
        }
    }

    /**
     * For signers 0 and RING_SIZE-1, at every position the responses' top bit and low bit are set about half of
     * the time: the signer's own response is as uniform as the simulated ones. With 240 samples the standard
     * deviation of a frequency is about 0.032; the bound 0.5 ± 0.16 is five of them, so the test fails by chance
     * with probability below 1e-5, and fails surely if a position were, say, always reduced differently.
     */
    @Test
    void responsesAtTheSignersPositionAreDistributedLikeTheOthers() {
        for (int signer : new int[] {0, RING_SIZE - 1}) {
            int[] top = new int[RING_SIZE + 1];
            int[] low = new int[RING_SIZE + 1];
            for (int sample = 0; sample < SAMPLES; sample++) {
                byte[] payload = ("payload " + sample).getBytes(StandardCharsets.UTF_8);
                byte[] signature = endorse(signer, payload)[1];
                for (int position = 0; position <= RING_SIZE; position++) {
                    BigInteger value = P256.scalarAt(signature, 32 * position);
                    top[position] += value.testBit(255) ? 1 : 0;
                    low[position] += value.testBit(0) ? 1 : 0;
                }
            }
            for (int position = 0; position <= RING_SIZE; position++) {
                double topRate = top[position] / (double) SAMPLES;
                double lowRate = low[position] / (double) SAMPLES;
                assertTrue(Math.abs(topRate - 0.5) < 0.16, "signer " + signer + " position " + position
                        + " top-bit rate " + topRate);
                assertTrue(Math.abs(lowRate - 0.5) < 0.16, "signer " + signer + " position " + position
                        + " low-bit rate " + lowRate);
            }
        }
    }
}
