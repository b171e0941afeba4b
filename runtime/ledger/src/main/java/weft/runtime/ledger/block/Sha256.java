package weft.runtime.ledger.block;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, the hash of every Fabric structure the ledger keeps: private-data key, value and write-set hashes,
 * range-query summaries, package ids. The JDK's implementation uses the CPU's SHA instructions.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** The hash of {@code bytes}, read where they lie. */
    public static ByteString of(ByteString bytes) {
        MessageDigest digest = digest();
        digest.update(bytes.asReadOnlyByteBuffer());
        return ByteString.copyFrom(digest.digest());
    }

    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /** The hash of a key's UTF-8 bytes: how private-data keys appear in a transaction and in hashed state. */
    public static ByteString ofKey(String key) {
        return of(ByteString.copyFromUtf8(key));
    }

    /** A fresh digest, for hashing several pieces in a row. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
