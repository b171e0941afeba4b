package weft.plugins.anon.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The ordered set of endorser public keys a ring signature is made over, decoded once, with its digest: SHA-256
 * of {@code "weft-anon/ring/v1"} followed by each key's compressed encoding in order. Signatures name the ring
 * only by this digest.
 */
public record Ring(List<ECPoint> keys, byte[] digest) {

    private static final byte[] TAG = "weft-anon/ring/v1".getBytes(StandardCharsets.US_ASCII);

    public Ring {
        keys = List.copyOf(keys);
        digest = digest.clone();
    }

    /** The ring of {@code keys} (decoded, valid points) in this order. */
    public static Ring of(List<ECPoint> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one key");
        }
        List<ECPoint> normalized = new ArrayList<>(keys.size());
        SHA256Digest sha = new SHA256Digest();
        sha.update(TAG, 0, TAG.length);
        for (ECPoint key : keys) {
            ECPoint point = key.normalize();
            normalized.add(point);
            byte[] encoded = P256.compressed(point);
            sha.update(encoded, 0, encoded.length);
        }
        byte[] digest = new byte[32];
        sha.doFinal(digest, 0);
        return new Ring(normalized, digest);
    }

    /** The number of members. */
    public int size() {
        return keys.size();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
