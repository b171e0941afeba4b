package weft.plugins.anon.crypto;

import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The bytes an anonymous endorsement puts in Fabric's {@code Endorsement.endorser} field, in place of a
 * serialized identity. The first byte says which form follows:
 * <ul>
 *   <li>{@code 0x01} plain: the endorser's X.509 SubjectPublicKeyInfo DER (P-256);</li>
 *   <li>{@code 0x02} ring: the 32-byte ring digest, then the 33-byte compressed link tag — 66 bytes in all,
 *       whoever signed.</li>
 * </ul>
 * A serialized identity (a protobuf starting with field 1, byte {@code 0x0a}) never matches either tag.
 */
public final class EndorserField {

    /** The tag of the plain form. */
    public static final byte PLAIN = 0x01;
    /** The tag of the ring form. */
    public static final byte RING = 0x02;
    /** The length of the ring form. */
    public static final int RING_LENGTH = 1 + 32 + P256.COMPRESSED_POINT_BYTES;

    private EndorserField() {
    }

    /** The plain form for {@code key}. */
    public static byte[] plain(ECPoint key) {
        byte[] der = Keys.encodePublicKey(key);
        byte[] out = new byte[der.length + 1];
        out[0] = PLAIN;
        System.arraycopy(der, 0, out, 1, der.length);
        return out;
    }

    /** The key in a plain form; {@link IllegalArgumentException} when the bytes are not one. */
    public static ECPoint plainKey(byte[] field) {
        if (field.length < 2 || field[0] != PLAIN) {
            throw new IllegalArgumentException("the endorser is not a plain anonymous endorser (tag 0x01 and a "
                    + "public key)");
        }
        return Keys.decodePublicKey(Arrays.copyOfRange(field, 1, field.length), "the endorser's public key");
    }

    /** The ring form for a ring digest and a link tag. */
    public static byte[] ring(byte[] ringDigest, ECPoint image) {
        byte[] out = new byte[RING_LENGTH];
        out[0] = RING;
        System.arraycopy(ringDigest, 0, out, 1, 32);
        System.arraycopy(P256.compressed(image), 0, out, 33, P256.COMPRESSED_POINT_BYTES);
        return out;
    }

    /** Whether a ring form names the ring with {@code ringDigest}. */
    public static boolean namesRing(byte[] field, byte[] ringDigest) {
        return field.length == RING_LENGTH && field[0] == RING
                && Arrays.equals(field, 1, 33, ringDigest, 0, 32);
    }

    /** The link tag of a ring form; {@link IllegalArgumentException} when it is not a valid point. */
    public static ECPoint linkTag(byte[] field) {
        if (field.length != RING_LENGTH || field[0] != RING) {
            throw new IllegalArgumentException("the endorser is not a ring endorser (tag 0x02, ring digest, link tag)");
        }
        return P256.decodePoint(Arrays.copyOfRange(field, 33, RING_LENGTH), "the endorsement's link tag");
    }
}
