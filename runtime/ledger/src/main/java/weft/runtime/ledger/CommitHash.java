package weft.runtime.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import weft.runtime.ledger.block.Sha256;
import weft.runtime.ledger.state.StateUpdates;
import weft.runtime.ledger.state.VersionedValue;

/**
 * The running commit hash in a block's COMMIT_HASH metadata: SHA-256 over uvarint(filter length), the filter,
 * a deterministic encoding of the block's state changes and the previous commit hash, in Fabric's arrangement.
 * Peers that applied the same changes agree on it, so a diverged state shows up block by block. (The encoding of
 * the changes is Weft's own: commit hashes compare Weft peers with each other, not with Fabric peers.)
 */
final class CommitHash {

    private CommitHash() {
    }

    static ByteString compute(byte[] filter, StateUpdates updates, ByteString previous) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        try {
            out.writeUInt32NoTag(filter.length);
            out.writeRawBytes(filter);
            for (Map.Entry<StateUpdates.Key, Optional<VersionedValue>> change : updates.all().entrySet()) {
                out.writeStringNoTag(change.getKey().namespace());
                out.writeStringNoTag(change.getKey().key());
                out.writeBoolNoTag(change.getValue().isEmpty());
                if (change.getValue().isPresent()) {
                    VersionedValue value = change.getValue().get();
                    out.writeBytesNoTag(value.value());
                    out.writeUInt64NoTag(value.version().blockNum());
                    out.writeUInt64NoTag(value.version().txNum());
                    out.writeUInt32NoTag(value.metadata().size());
                    for (Map.Entry<String, ByteString> entry : value.metadata().entrySet()) {
                        out.writeStringNoTag(entry.getKey());
                        out.writeBytesNoTag(entry.getValue());
                    }
                }
            }
            out.writeRawBytes(previous);
            out.flush();
            return ByteString.copyFrom(Sha256.of(buffer.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
