package weft.plugins.anon.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A linkable spontaneous anonymous group signature (Liu, Wei and Wong, ACISP 2004) on P-256: it proves that the
 * signer knows the private key of one member of a {@link Ring} without saying which, and carries a link tag
 * (key image) {@code I = x·H} that is the same for two signatures by one member under the same base {@code H}.
 *
 * <p>The base is {@link #linkBase}: a hash to the curve (RFC 9380) of the ring digest and the SHA-256 of the
 * payload being endorsed. All endorsements of one transaction sign the same payload, so they share the base and a
 * member who endorses twice produces the same tag; endorsements of different payloads use unrelated bases, so
 * their tags cannot be linked to each other (under the decisional Diffie–Hellman assumption) — a one-time-per-
 * payload variant of the scheme, whose original base depends on the ring only.
 *
 * <p>Signature layout: {@code c0 ‖ s0 ‖ … ‖ s(n-1)}, each a 32-byte big-endian scalar below the group order.
 * It contains no index: every position holds a response of the same form, and the ring equation closes only as
 * a cycle. Challenges are SHA-512 (reduced mod n) of {@code "weft-anon/lsag/v1" ‖ ring digest ‖ I ‖
 * SHA-256(message) ‖ L ‖ R} with the points compressed.
 */
public final class Lsag {

    private static final byte[] CHALLENGE_TAG = "weft-anon/lsag/v1".getBytes(StandardCharsets.US_ASCII);
    private static final HashToCurve LINK_BASE =
            new HashToCurve("WEFT-ANON-V01-CS01-with-P256_XMD:SHA-256_SSWU_RO_");

    private Lsag() {
    }

    /** The key-image base for a ring and a payload: hash_to_curve(ring digest ‖ SHA-256(payload)). */
    public static ECPoint linkBase(byte[] ringDigest, byte[] payload) {
        byte[] input = new byte[64];
        System.arraycopy(ringDigest, 0, input, 0, 32);
        System.arraycopy(Ecdsa.sha256(payload), 0, input, 32, 32);
        return LINK_BASE.hash(input);
    }

    /** The link tag {@code x·base}. */
    public static ECPoint keyImage(BigInteger x, ECPoint base) {
        return base.multiply(x).normalize();
    }

    /** The length of a signature over a ring of {@code ringSize} members. */
    public static int signatureLength(int ringSize) {
        return P256.SCALAR_BYTES * (ringSize + 1);
    }

    /**
     * Signs {@code message} as member {@code index} of {@code ring}, whose private key is {@code x}.
     *
     * <p>Side channels: BigInteger arithmetic and Bouncy Castle's variable-base multiplication are not
     * constant-time; the nonce is multiplied by G with a fixed comb. The loop performs the same operations for
     * every member whatever {@code index} is, so its timing does not depend on the position, but a local
     * attacker timing the process could learn about {@code x} or the nonce.
     */
    public static byte[] sign(Ring ring, int index, BigInteger x, ECPoint base, ECPoint image, byte[] message,
                              SecureRandom random) {
        int n = ring.size();
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("index " + index + " is outside the ring of " + n);
        }
        if (!P256.multiplyG(x).equals(ring.keys().get(index))) {
            throw new IllegalArgumentException("the private key does not match ring member " + index);
        }
        SHA512Digest prefix = prefix(ring.digest(), image, message);
        BigInteger[] c = new BigInteger[n];
        BigInteger[] s = new BigInteger[n];
        BigInteger alpha = P256.randomScalar(random);
        c[(index + 1) % n] = challenge(prefix, P256.multiplyG(alpha), base.multiply(alpha));
        for (int step = 1; step < n; step++) {
            int i = (index + step) % n;
            s[i] = P256.randomScalar(random);
            c[(i + 1) % n] = challenge(prefix,
                    ECAlgorithms.sumOfTwoMultiplies(P256.G, s[i], ring.keys().get(i), c[i]),
                    ECAlgorithms.sumOfTwoMultiplies(base, s[i], image, c[i]));
        }
        s[index] = alpha.subtract(c[index].multiply(x)).mod(P256.N);
        byte[] signature = new byte[signatureLength(n)];
        System.arraycopy(P256.fixed(c[0]), 0, signature, 0, P256.SCALAR_BYTES);
        for (int i = 0; i < n; i++) {
            System.arraycopy(P256.fixed(s[i]), 0, signature, P256.SCALAR_BYTES * (i + 1), P256.SCALAR_BYTES);
        }
        return signature;
    }

    /**
     * Whether {@code signature} is a ring signature of {@code message} by some member of {@code ring} with link
     * tag {@code image} under {@code base}. Runs in time independent of the signer: it walks the whole ring.
     */
    public static boolean verify(Ring ring, ECPoint base, ECPoint image, byte[] message, byte[] signature) {
        int n = ring.size();
        if (signature.length != signatureLength(n) || image.isInfinity()) {
            return false;
        }
        BigInteger c0 = P256.scalarAt(signature, 0);
        if (c0.compareTo(P256.N) >= 0) {
            return false;
        }
        SHA512Digest prefix = prefix(ring.digest(), image, message);
        BigInteger c = c0;
        for (int i = 0; i < n; i++) {
            BigInteger s = P256.scalarAt(signature, P256.SCALAR_BYTES * (i + 1));
            if (s.compareTo(P256.N) >= 0) {
                return false; // one encoding per signature
            }
            c = challenge(prefix,
                    ECAlgorithms.sumOfTwoMultiplies(P256.G, s, ring.keys().get(i), c),
                    ECAlgorithms.sumOfTwoMultiplies(base, s, image, c));
        }
        return c.equals(c0);
    }

    private static SHA512Digest prefix(byte[] ringDigest, ECPoint image, byte[] message) {
        SHA512Digest digest = new SHA512Digest();
        digest.update(CHALLENGE_TAG, 0, CHALLENGE_TAG.length);
        digest.update(ringDigest, 0, ringDigest.length);
        byte[] encodedImage = P256.compressed(image);
        digest.update(encodedImage, 0, encodedImage.length);
        byte[] messageDigest = Ecdsa.sha256(message);
        digest.update(messageDigest, 0, messageDigest.length);
        return digest;
    }

    private static BigInteger challenge(SHA512Digest prefix, ECPoint left, ECPoint right) {
        SHA512Digest digest = new SHA512Digest(prefix);
        byte[] l = left.getEncoded(true);
        byte[] r = right.getEncoded(true);
        digest.update(l, 0, l.length);
        digest.update(r, 0, r.length);
        byte[] out = new byte[64];
        digest.doFinal(out, 0);
        return new BigInteger(1, out).mod(P256.N);
    }
}
