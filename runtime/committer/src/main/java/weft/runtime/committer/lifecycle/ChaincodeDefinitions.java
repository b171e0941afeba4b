package weft.runtime.committer.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * Reads chaincode definitions from committed {@code _lifecycle} state: {@code namespaces/metadata/<name>} says a
 * definition exists, {@code namespaces/fields/<name>/<Field>} hold its Sequence, EndorsementInfo, ValidationInfo
 * and Collections. Also decides which plugin and policy validate a namespace, as Fabric's committer does.
 */
public final class ChaincodeDefinitions {

    public static final String LIFECYCLE = "_lifecycle";
    static final String LIFECYCLE_ENDORSEMENT = "/Channel/Application/LifecycleEndorsement";
    private static final String DEFINITION_TYPE = "ChaincodeDefinition";

    private final WorldState state;

    public ChaincodeDefinitions(WorldState state) {
        this.state = state;
    }

    /** The committed definition of {@code name}, if there is one. */
    public Optional<ChaincodeDefinition> definition(String name) throws LedgerStoreException {
        Optional<VersionedValue> metadata = state.get(LIFECYCLE, "namespaces/metadata/" + name);
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!StateMetadata.parseFrom(metadata.get().value()).getDatatype().equals(DEFINITION_TYPE)) {
                return Optional.empty();
            }
            long sequence = field(name, "Sequence").map(StateData::getInt64).orElse(0L);
            ChaincodeEndorsementInfo endorsement = ChaincodeEndorsementInfo.parseFrom(bytesField(name, "EndorsementInfo"));
            ChaincodeValidationInfo validation = ChaincodeValidationInfo.parseFrom(bytesField(name, "ValidationInfo"));
            CollectionConfigPackage collections = CollectionConfigPackage.parseFrom(bytesField(name, "Collections"));
            return Optional.of(new ChaincodeDefinition(name, sequence, endorsement.getVersion(),
                    endorsement.getEndorsementPlugin(), endorsement.getInitRequired(), validation.getValidationPlugin(),
                    validation.getValidationParameter(), collections));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerStoreException("the _lifecycle definition of " + name + " is corrupted: " + e.getMessage(), e);
        }
    }

    /**
     * The plugin and policy that validate {@code namespace}: for {@code _lifecycle} itself, {@code vscc} with the
     * channel's LifecycleEndorsement policy (or, without one, a majority of the application organisations'
     * members); for a defined chaincode, its definition's; empty for an undefined one.
     *
     * @param lifecyclePolicyExists whether the channel config has {@code /Channel/Application/LifecycleEndorsement}
     * @param applicationMsps       the application organisations' MSP ids, for the fallback majority
     */
    public Optional<ValidationInfo> validationInfo(String namespace, boolean lifecyclePolicyExists,
                                                   List<String> applicationMsps) throws LedgerStoreException {
        if (namespace.equals(LIFECYCLE)) {
            ApplicationPolicy policy = lifecyclePolicyExists
                    ? ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(LIFECYCLE_ENDORSEMENT).build()
                    : ApplicationPolicy.newBuilder().setSignaturePolicy(majorityOfMembers(applicationMsps)).build();
            return Optional.of(new ValidationInfo("vscc", policy.toByteString()));
        }
        return definition(namespace).map(d -> new ValidationInfo(d.validationPlugin(), d.validationParameter()));
    }

    private static SignaturePolicyEnvelope majorityOfMembers(List<String> mspIds) {
        List<String> sorted = mspIds.stream().sorted().toList();
        SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder();
        SignaturePolicy.NOutOf.Builder rule = SignaturePolicy.NOutOf.newBuilder().setN(sorted.size() / 2 + 1);
        for (int i = 0; i < sorted.size(); i++) {
            envelope.addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier(sorted.get(i))
                            .setRole(MSPRole.MSPRoleType.MEMBER).build().toByteString()));
            rule.addRules(SignaturePolicy.newBuilder().setSignedBy(i));
        }
        return envelope.setRule(SignaturePolicy.newBuilder().setNOutOf(rule)).build();
    }

    private Optional<StateData> field(String name, String field) throws LedgerStoreException, InvalidProtocolBufferException {
        Optional<VersionedValue> value = state.get(LIFECYCLE, "namespaces/fields/" + name + "/" + field);
        return value.isEmpty() ? Optional.empty() : Optional.of(StateData.parseFrom(value.get().value()));
    }

    private ByteString bytesField(String name, String field) throws LedgerStoreException, InvalidProtocolBufferException {
        return field(name, field).map(StateData::getBytes).orElse(ByteString.EMPTY);
    }
}
