package weft.plugins.anon.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Hashes byte strings to P-256 points as RFC 9380 specifies for the suite {@code P256_XMD:SHA-256_SSWU_RO_}:
 * {@code expand_message_xmd} with SHA-256, two field elements of 48 bytes each, the simplified SWU map with
 * Z = -10, and the sum of the two mapped points (P-256's cofactor is 1). Nobody knows the discrete logarithm of
 * the result with respect to G, which is what the ring signature's key-image base needs.
 *
 * <p>Not constant-time: it is only applied to public data (the ring and the payload digest).
 */
public final class HashToCurve {

    private static final BigInteger A = P256.CURVE.getA().toBigInteger();
    private static final BigInteger B = P256.CURVE.getB().toBigInteger();
    private static final BigInteger Z = P256.P.subtract(BigInteger.TEN); // -10 mod p
    private static final int L = 48;

    private final byte[] dst;

    /** A hasher for the domain separation tag {@code dst} (at most 255 bytes). */
    public HashToCurve(String dst) {
        this.dst = dst.getBytes(StandardCharsets.US_ASCII);
        if (this.dst.length > 255) {
            throw new IllegalArgumentException("the domain separation tag is longer than 255 bytes");
        }
    }

    /** {@code hash_to_curve(message)}. */
    public ECPoint hash(byte[] message) {
        byte[] uniform = expandMessageXmd(message, 2 * L);
        BigInteger u0 = new BigInteger(1, java.util.Arrays.copyOfRange(uniform, 0, L)).mod(P256.P);
        BigInteger u1 = new BigInteger(1, java.util.Arrays.copyOfRange(uniform, L, 2 * L)).mod(P256.P);
        return mapToCurve(u0).add(mapToCurve(u1)).normalize();
    }

    /** RFC 9380 section 5.3.1, with SHA-256 (b_in_bytes 32, s_in_bytes 64). */
    byte[] expandMessageXmd(byte[] message, int lengthInBytes) {
        int ell = (lengthInBytes + 31) / 32;
        if (ell > 255) {
            throw new IllegalArgumentException("expand_message_xmd: requested length too large");
        }
        MessageDigest sha256 = sha256();
        byte[] dstPrime = new byte[dst.length + 1];
        System.arraycopy(dst, 0, dstPrime, 0, dst.length);
        dstPrime[dst.length] = (byte) dst.length;
        sha256.update(new byte[64]);
        sha256.update(message);
        sha256.update((byte) (lengthInBytes >>> 8));
        sha256.update((byte) lengthInBytes);
        sha256.update((byte) 0);
        sha256.update(dstPrime);
        byte[] b0 = sha256.digest();
        byte[] out = new byte[ell * 32];
        byte[] previous = new byte[32];
        for (int i = 1; i <= ell; i++) {
            byte[] mixed = new byte[32];
            for (int j = 0; j < 32; j++) {
                mixed[j] = (byte) (b0[j] ^ (i == 1 ? 0 : previous[j]));
            }
            sha256.update(mixed);
            sha256.update((byte) i);
            sha256.update(dstPrime);
            previous = sha256.digest();
            System.arraycopy(previous, 0, out, (i - 1) * 32, 32);
        }
        return java.util.Arrays.copyOf(out, lengthInBytes);
    }

    /** The simplified SWU map of RFC 9380 section 6.6.2 for a curve with A and B both non-zero. */
    static ECPoint mapToCurve(BigInteger u) {
        BigInteger p = P256.P;
        BigInteger u2 = u.multiply(u).mod(p);
        BigInteger zu2 = Z.multiply(u2).mod(p);
        BigInteger denominator = zu2.multiply(zu2).add(zu2).mod(p); // Z^2 u^4 + Z u^2
        BigInteger tv1 = denominator.signum() == 0 ? BigInteger.ZERO : denominator.modInverse(p);
        BigInteger x1;
        if (tv1.signum() == 0) {
            x1 = B.multiply(Z.multiply(A).modInverse(p)).mod(p);
        } else {
            x1 = B.negate().multiply(A.modInverse(p)).multiply(BigInteger.ONE.add(tv1)).mod(p);
        }
        // Bouncy Castle's P-256 field element computes the square root and checks it in one exponentiation,
        // returning null for a non-square: that is the is_square test and sqrt of the RFC together.
        BigInteger x = x1;
        ECFieldElement y = P256.CURVE.fromBigInteger(g(x1)).sqrt();
        if (y == null) {
            x = zu2.multiply(x1).mod(p);
            y = P256.CURVE.fromBigInteger(g(x)).sqrt();
        }
        BigInteger yValue = y.toBigInteger();
        if (u.testBit(0) != yValue.testBit(0)) {
            yValue = p.subtract(yValue).mod(p);
        }
        return P256.CURVE.validatePoint(x, yValue);
    }

    private static BigInteger g(BigInteger x) {
        return x.multiply(x).mod(P256.P).multiply(x).add(A.multiply(x)).add(B).mod(P256.P);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
