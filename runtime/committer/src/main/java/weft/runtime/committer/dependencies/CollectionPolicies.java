package weft.runtime.committer.dependencies;

import com.google.protobuf.ByteString;
import java.util.Optional;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import weft.api.validation.CollectionNotDefinedException;
import weft.api.validation.CollectionResources;
import weft.api.validation.ExecutionFailureException;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.committer.lifecycle.ChaincodeDefinition;
import weft.runtime.committer.lifecycle.ChaincodeDefinitions;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * Collection endorsement policies as Fabric decides them: an organisation's implicit collection
 * ({@code _implicit_org_<MSP id>}) is governed by that organisation's {@code Endorsement} policy in the channel
 * config (or "any member of the MSP" without one); a defined collection by its own policy if it has one.
 */
public final class CollectionPolicies implements CollectionResources {

    static final String IMPLICIT_PREFIX = "_implicit_org_";

    private final Supplier<ChannelConfig> channel;
    private final ChaincodeDefinitions definitions;

    /** @param channel the channel config in force (it changes with config blocks) */
    public CollectionPolicies(Supplier<ChannelConfig> channel, ChaincodeDefinitions definitions) {
        this.channel = channel;
        this.definitions = definitions;
    }

    @Override
    public Optional<ByteString> collectionEndorsementPolicy(String chaincode, String collection)
            throws CollectionNotDefinedException, ExecutionFailureException {
        if (collection.startsWith(IMPLICIT_PREFIX)) {
            return Optional.of(implicitCollectionPolicy(collection.substring(IMPLICIT_PREFIX.length())));
        }
        Optional<ChaincodeDefinition> definition;
        try {
            definition = definitions.definition(chaincode);
        } catch (LedgerStoreException e) {
            throw new ExecutionFailureException("reading the definition of " + chaincode + " failed: " + e.getMessage(), e);
        }
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        for (CollectionConfig config : definition.get().collections().getConfigList()) {
            if (config.getStaticCollectionConfig().getName().equals(collection)) {
                return config.getStaticCollectionConfig().hasEndorsementPolicy()
                        ? Optional.of(config.getStaticCollectionConfig().getEndorsementPolicy().toByteString())
                        : Optional.empty();
            }
        }
        throw new CollectionNotDefinedException("chaincode " + chaincode + " defines no collection " + collection);
    }

    private ByteString implicitCollectionPolicy(String mspId) {
        ChannelConfig config = channel.get();
        String group = config.applicationOrganizations().get(mspId);
        if (group != null) {
            String path = "/Channel/Application/" + group + "/Endorsement";
            if (config.policies().exists(path)) {
                return ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(path).build().toByteString();
            }
        }
        SignaturePolicyEnvelope anyMember = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(0))))
                .addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                        .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).setRole(MSPRole.MSPRoleType.MEMBER)
                                .build().toByteString()))
                .build();
        return ApplicationPolicy.newBuilder().setSignaturePolicy(anyMember).build().toByteString();
    }
}
