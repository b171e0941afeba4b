package weft.runtime.lifecycle.state;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a structure Fabric's lifecycle stores: its type name and its fields with their kinds, in
 * declaration order. The names and order are part of the format (they are hashed), so they are Fabric's.
 */
public record RecordType(String datatype, List<Field> fields) {

    /** How a field's value is encoded in its {@code StateData}. */
    public enum Kind { INT64, STRING, BYTES }

    /** One field: its name and kind. */
    public record Field(String name, Kind kind) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public RecordType {
        Objects.requireNonNull(datatype, "datatype");
        fields = List.copyOf(fields);
    }

    /** A committed definition: {@code ChaincodeDefinition{Sequence, EndorsementInfo, ValidationInfo, Collections}}. */
    public static final RecordType CHAINCODE_DEFINITION = new RecordType("ChaincodeDefinition", List.of(
            new Field("Sequence", Kind.INT64), new Field("EndorsementInfo", Kind.BYTES),
            new Field("ValidationInfo", Kind.BYTES), new Field("Collections", Kind.BYTES)));

    /** An organisation's approval: {@code ChaincodeParameters{EndorsementInfo, ValidationInfo, Collections}}. */
    public static final RecordType CHAINCODE_PARAMETERS = new RecordType("ChaincodeParameters", List.of(
            new Field("EndorsementInfo", Kind.BYTES), new Field("ValidationInfo", Kind.BYTES),
            new Field("Collections", Kind.BYTES)));

    /** The package an organisation approved: {@code ChaincodeLocalPackage{PackageID}}. */
    public static final RecordType CHAINCODE_LOCAL_PACKAGE = new RecordType("ChaincodeLocalPackage", List.of(
            new Field("PackageID", Kind.STRING)));

    /** The field names in declaration order. */
    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }
}
