package weft.runtime.ledger.block;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fabric's transaction id: the hex of SHA-256 over the signature header's nonce followed by its creator. */
public final class TransactionIds {

    private TransactionIds() {
    }

    public static String of(ByteString nonce, ByteString creator) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(nonce.asReadOnlyByteBuffer());
            sha256.update(creator.asReadOnlyByteBuffer());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
