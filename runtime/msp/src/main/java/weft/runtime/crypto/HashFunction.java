package weft.runtime.crypto;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * The digests a signature may be computed over. Fabric's MSPs sign and verify SHA-256 digests whatever the curve
 * (the SHA2 hash family); SHA3 is the other family an MSP may configure.
 */
public enum HashFunction {
    SHA256, SHA384, SHA3_256;

    Digest newDigest() {
        return switch (this) {
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA3_256 -> new SHA3Digest(256);
        };
    }

    /**
     * The digest of the concatenation of {@code parts}. SHA-2 uses the JDK's implementation, which the JVM
     * accelerates with the CPU's SHA instructions (several times faster than a pure-Java digest on large
     * payloads); SHA3 uses Bouncy Castle.
     */
    public byte[] digest(byte[]... parts) {
        if (this == SHA3_256) {
            Digest digest = newDigest();
            for (byte[] part : parts) {
                digest.update(part, 0, part.length);
            }
            byte[] out = new byte[digest.getDigestSize()];
            digest.doFinal(out, 0);
            return out;
        }
        MessageDigest digest = jdkDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** The digest of {@code message} without copying it (a concatenated ByteString is hashed piece by piece). */
    public byte[] digest(ByteString message) {
        if (this == SHA3_256) {
            return digest(message.toByteArray());
        }
        MessageDigest digest = jdkDigest();
        for (ByteBuffer piece : message.asReadOnlyByteBufferList()) {
            digest.update(piece);
        }
        return digest.digest();
    }

    private MessageDigest jdkDigest() {
        try {
            return MessageDigest.getInstance(this == SHA256 ? "SHA-256" : "SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256 and SHA-384", e);
        }
    }
}
