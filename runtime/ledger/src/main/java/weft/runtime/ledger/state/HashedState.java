package weft.runtime.ledger.state;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/**
 * Where the public hashes of private data live in world state: namespace {@code <chaincode>$$h<collection>}
 * (Fabric's naming), keyed by the hex of the key's SHA-256, holding the value's hash with its version and
 * metadata. Every peer keeps these, members of the collection or not, so MVCC on private reads is decided the
 * same everywhere.
 */
public final class HashedState {

    private HashedState() {
    }

    public static String namespace(String chaincode, String collection) {
        return chaincode + "$$h" + collection;
    }

    public static String key(ByteString keyHash) {
        return HexFormat.of().formatHex(keyHash.toByteArray());
    }
}
