package weft.runtime.lifecycle.state;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;

/**
 * What organisations agree on for one sequence of a chaincode: its endorsement info (version, endorsement plugin,
 * init required), validation info (validation plugin and its parameter, the endorsement policy) and private-data
 * collections. Stored as Fabric's {@code ChaincodeParameters} in an organisation's implicit collection.
 */
public record ChaincodeParameters(ChaincodeEndorsementInfo endorsementInfo, ChaincodeValidationInfo validationInfo,
                                  CollectionConfigPackage collections) {

    public ChaincodeParameters {
        Objects.requireNonNull(endorsementInfo, "endorsementInfo");
        Objects.requireNonNull(validationInfo, "validationInfo");
        Objects.requireNonNull(collections, "collections");
    }

    /** The record Fabric stores for an approval. */
    public StateRecord toRecord() {
        return new StateRecord(RecordType.CHAINCODE_PARAMETERS.datatype(), fields());
    }

    List<StateField> fields() {
        return List.of(bytesField("EndorsementInfo", endorsementInfo), bytesField("ValidationInfo", validationInfo),
                bytesField("Collections", collections));
    }

    /** Reads parameters from a record of type {@link RecordType#CHAINCODE_PARAMETERS} or CHAINCODE_DEFINITION. */
    public static ChaincodeParameters fromRecord(StateRecord record) throws StateException {
        try {
            return new ChaincodeParameters(
                    ChaincodeEndorsementInfo.parseFrom(bytes(record, "EndorsementInfo")),
                    ChaincodeValidationInfo.parseFrom(bytes(record, "ValidationInfo")),
                    CollectionConfigPackage.parseFrom(bytes(record, "Collections")));
        } catch (InvalidProtocolBufferException e) {
            throw new StateException("a stored " + record.datatype() + " does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * How these parameters differ from {@code other}, in Fabric's order and words (the first difference only), or
     * empty when they are equal.
     */
    public Optional<String> difference(ChaincodeParameters other) {
        ChaincodeEndorsementInfo e = endorsementInfo;
        ChaincodeEndorsementInfo oe = other.endorsementInfo;
        ChaincodeValidationInfo v = validationInfo;
        ChaincodeValidationInfo ov = other.validationInfo;
        if (!e.getVersion().equals(oe.getVersion())) {
            return Optional.of("expected Version '" + e.getVersion() + "' does not match passed Version '"
                    + oe.getVersion() + "'");
        }
        if (!e.getEndorsementPlugin().equals(oe.getEndorsementPlugin())) {
            return Optional.of("expected EndorsementPlugin '" + e.getEndorsementPlugin()
                    + "' does not match passed EndorsementPlugin '" + oe.getEndorsementPlugin() + "'");
        }
        if (e.getInitRequired() != oe.getInitRequired()) {
            return Optional.of("expected InitRequired '" + e.getInitRequired() + "' does not match passed InitRequired '"
                    + oe.getInitRequired() + "'");
        }
        if (!v.getValidationPlugin().equals(ov.getValidationPlugin())) {
            return Optional.of("expected ValidationPlugin '" + v.getValidationPlugin()
                    + "' does not match passed ValidationPlugin '" + ov.getValidationPlugin() + "'");
        }
        if (!v.getValidationParameter().equals(ov.getValidationParameter())) {
            return Optional.of("expected ValidationParameter '" + hex(v.getValidationParameter())
                    + "' does not match passed ValidationParameter '" + hex(ov.getValidationParameter()) + "'");
        }
        if (!collections.equals(other.collections)) {
            return Optional.of("Collections do not match");
        }
        return Optional.empty();
    }

    static StateField bytesField(String name, Message message) {
        return new StateField(name, StateData.newBuilder().setBytes(message.toByteString()).build());
    }

    static ByteString bytes(StateRecord record, String field) {
        return record.field(field).map(StateData::getBytes).orElse(ByteString.EMPTY);
    }

    private static String hex(ByteString bytes) {
        StringBuilder text = new StringBuilder(bytes.size() * 2);
        for (byte b : bytes.toByteArray()) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }
}
