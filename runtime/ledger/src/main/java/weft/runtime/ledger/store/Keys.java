package weft.runtime.ledger.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key building blocks: unsigned byte order (LevelDB's), and Fabric's order-preserving varint (one length byte,
 * then the big-endian significant bytes), which sorts numbers correctly as bytes.
 */
public final class Keys {

    private Keys() {
    }

    /** LevelDB's default comparator: unsigned lexicographic. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Fabric's order-preserving encoding of an unsigned number. */
    public static byte[] orderPreserving(long value) {
        int size = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        byte[] out = new byte[1 + size];
        out[0] = (byte) size;
        for (int i = 0; i < size; i++) {
            out[size - i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    /** Reads {@link #orderPreserving} at {@code offset}; returns the value, and its length via {@code length[0]}. */
    public static long readOrderPreserving(byte[] bytes, int offset, int[] length) {
        int size = bytes[offset] & 0xff;
        long value = 0;
        for (int i = 1; i <= size; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        length[0] = 1 + size;
        return value;
    }

    public static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else if (part instanceof Byte b) {
                out.write(b);
            } else {
                throw new IllegalArgumentException("cannot put " + part + " into a key");
            }
        }
        return out.toByteArray();
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}. Every prefix the ledger uses starts
     * with a letter, so one always exists.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("a prefix of only 0xFF bytes has no upper bound");
    }
}
