package weft.plugins.anon.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The NIST P-256 group with Bouncy Castle's specialised field arithmetic ({@code SecP256R1Curve}, several times
 * faster than the generic curve), and the point and scalar checks every decoder here relies on.
 */
public final class P256 {

    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256r1");

    /** The curve. */
    public static final ECCurve CURVE = PARAMETERS.getCurve();
    /** The base point. */
    public static final ECPoint G = PARAMETERS.getG().normalize();
    /** The group order. */
    public static final BigInteger N = PARAMETERS.getN();
    /** The field prime. */
    public static final BigInteger P = CURVE.getField().getCharacteristic();
    /** Scalars and field elements are encoded as this many big-endian bytes. */
    public static final int SCALAR_BYTES = 32;
    /** A compressed point's length. */
    public static final int COMPRESSED_POINT_BYTES = 33;

    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

    private P256() {
    }

    /** {@code k·G} with the precomputed comb, whose sequence of group operations does not depend on {@code k}. */
    public static ECPoint multiplyG(BigInteger k) {
        return COMB.multiply(G, k).normalize();
    }

    /**
     * Decodes an encoded point (compressed or uncompressed SEC1) and checks that it is on the curve and not the
     * point at infinity; P-256 has cofactor 1, so every such point has order {@link #N}.
     *
     * @throws IllegalArgumentException naming {@code what} when it is not a valid point
     */
    public static ECPoint decodePoint(byte[] encoded, String what) {
        ECPoint point;
        try {
            point = CURVE.decodePoint(encoded);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " is not a P-256 point: " + e.getMessage(), e);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException(what + " is not a valid P-256 point");
        }
        return point.normalize();
    }

    /** The 33-byte compressed SEC1 encoding. */
    public static byte[] compressed(ECPoint point) {
        return point.getEncoded(true);
    }

    /** A uniformly random scalar in [1, N). */
    public static BigInteger randomScalar(SecureRandom random) {
        BigInteger k;
        do {
            k = new BigInteger(N.bitLength(), random);
        } while (k.signum() == 0 || k.compareTo(N) >= 0);
        return k;
    }

    /** {@code value} as exactly {@link #SCALAR_BYTES} big-endian bytes; it must be below 2^256. */
    public static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[SCALAR_BYTES];
        int copy = Math.min(raw.length, SCALAR_BYTES);
        System.arraycopy(raw, raw.length - copy, out, SCALAR_BYTES - copy, copy);
        return out;
    }

    /** The unsigned big-endian integer in {@code bytes[offset, offset + 32)}. */
    public static BigInteger scalarAt(byte[] bytes, int offset) {
        byte[] part = new byte[SCALAR_BYTES];
        System.arraycopy(bytes, offset, part, 0, SCALAR_BYTES);
        return new BigInteger(1, part);
    }
}
