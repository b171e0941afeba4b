package weft.runtime.committer.lifecycle;

import com.google.protobuf.ByteString;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;

/**
 * A committed chaincode definition: what the endorser uses (version, endorsement plugin, init required) and what
 * the committer uses (validation plugin and its parameter, the endorsement policy as an ApplicationPolicy).
 */
public record ChaincodeDefinition(String name, long sequence, String version, String endorsementPlugin,
                                  boolean initRequired, String validationPlugin, ByteString validationParameter,
                                  CollectionConfigPackage collections) {

    public ChaincodeDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(endorsementPlugin, "endorsementPlugin");
        Objects.requireNonNull(validationPlugin, "validationPlugin");
        Objects.requireNonNull(validationParameter, "validationParameter");
        Objects.requireNonNull(collections, "collections");
    }
}
