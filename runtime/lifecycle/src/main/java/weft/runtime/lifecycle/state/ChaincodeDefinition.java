package weft.runtime.lifecycle.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;

/**
 * A chaincode definition as the lifecycle commits it to public state: a sequence number and the parameters the
 * organisations approved for it. Stored as Fabric's {@code ChaincodeDefinition} under the chaincode's name.
 */
public record ChaincodeDefinition(long sequence, ChaincodeParameters parameters) {

    public ChaincodeDefinition {
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The record Fabric stores for a committed definition. */
    public StateRecord toRecord() {
        List<StateField> fields = new ArrayList<>();
        fields.add(new StateField("Sequence", StateData.newBuilder().setInt64(sequence).build()));
        fields.addAll(parameters.fields());
        return new StateRecord(RecordType.CHAINCODE_DEFINITION.datatype(), fields);
    }

    /** Reads a definition from a record of type {@link RecordType#CHAINCODE_DEFINITION}. */
    public static ChaincodeDefinition fromRecord(StateRecord record) throws StateException {
        long sequence = record.field("Sequence").map(StateData::getInt64).orElse(0L);
        return new ChaincodeDefinition(sequence, ChaincodeParameters.fromRecord(record));
    }
}
