package weft.runtime.lifecycle.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;

/**
 * A structure as Fabric's lifecycle serializer stores it: a type name and its fields in declaration order. The
 * order matters: it is the order of the metadata's field list, whose bytes (and hash) organisations compare.
 */
public record StateRecord(String datatype, List<StateField> fields) {

    public StateRecord {
        Objects.requireNonNull(datatype, "datatype");
        fields = List.copyOf(fields);
    }

    /** The field names in declaration order. */
    public List<String> fieldNames() {
        return fields.stream().map(StateField::name).toList();
    }

    /** The value of field {@code name}, if the record has it. */
    public Optional<StateData> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).map(StateField::value).findFirst();
    }
}
