package weft.runtime.lifecycle.state;

import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;

/**
 * Which installed package an organisation's peers run for an approved definition; stored as Fabric's
 * {@code ChaincodeLocalPackage} under {@code chaincode-sources} in the organisation's implicit collection. An
 * empty id means the organisation approved without a package: its peers will not endorse the chaincode.
 */
public record ChaincodeLocalPackage(String packageId) {

    public ChaincodeLocalPackage {
        Objects.requireNonNull(packageId, "packageId");
    }

    public StateRecord toRecord() {
        return new StateRecord(RecordType.CHAINCODE_LOCAL_PACKAGE.datatype(),
                List.of(new StateField("PackageID", StateData.newBuilder().setString(packageId).build())));
    }

    public static ChaincodeLocalPackage fromRecord(StateRecord record) {
        return new ChaincodeLocalPackage(record.field("PackageID").map(StateData::getString).orElse(""));
    }
}
