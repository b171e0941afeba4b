package weft.runtime.crypto;

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

    /** The digest of the concatenation of {@code parts}. */
    public byte[] digest(byte[]... parts) {
        Digest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
