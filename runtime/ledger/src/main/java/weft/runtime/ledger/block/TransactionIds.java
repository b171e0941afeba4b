package weft.runtime.ledger.block;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Fabric's transaction id: the hex of SHA-256 over the signature header's nonce followed by its creator. */
public final class TransactionIds {

    private TransactionIds() {
    }

    public static String of(ByteString nonce, ByteString creator) {
        MessageDigest sha256 = Sha256.digest();
        sha256.update(nonce.asReadOnlyByteBuffer());
        sha256.update(creator.asReadOnlyByteBuffer());
        return HexFormat.of().formatHex(sha256.digest());
    }
}
