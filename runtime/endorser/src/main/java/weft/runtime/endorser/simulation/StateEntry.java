package weft.runtime.endorser.simulation;

import com.google.protobuf.ByteString;
import java.util.Objects;
import weft.runtime.ledger.state.Height;

/** One key of a range query: its committed value and version. */
public record StateEntry(String key, ByteString value, Height version) {

    public StateEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
    }
}
