package weft.runtime.lifecycle.state;

import java.util.Objects;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;

/** One field of a {@link StateRecord}: its name (the last segment of its key) and its value. */
public record StateField(String name, StateData value) {

    public StateField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
