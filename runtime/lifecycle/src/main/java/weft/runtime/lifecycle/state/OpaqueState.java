package weft.runtime.lifecycle.state;

import com.google.protobuf.ByteString;

/**
 * An organisation's implicit collection as every peer of the channel sees it: only the SHA-256 of each value.
 * Commit readiness compares these hashes with the hashes of the proposed definition.
 */
public interface OpaqueState {

    /** The SHA-256 of {@code key}'s value; empty when it has none. */
    ByteString hash(String key) throws StateException;

    /** The collection's name, {@code _implicit_org_<MSPID>}. */
    String collection();
}
