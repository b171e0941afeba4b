package weft.runtime.committer.pvtdata;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import weft.runtime.committer.lifecycle.ChaincodeDefinition;
import weft.runtime.committer.lifecycle.ChaincodeDefinitions;
import weft.runtime.ledger.pvtdata.CollectionMembership;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * A peer's membership of private-data collections, as Fabric decides it: the implicit collection
 * {@code _implicit_org_<MSP id>} of the peer's own organisation; and every collection of a committed chaincode
 * definition whose {@code member_orgs_policy} names the peer's MSP among its identities (role, identity or
 * organisational-unit principals). A collection of an undefined chaincode has no members.
 * <pre>{@code
 * ChannelLedger ledger = ChannelLedger.open(root, channel,
 *         PrivateDataConfig.of(new PeerCollectionMembership("Org1MSP")));
 * }</pre>
 */
public final class PeerCollectionMembership implements CollectionMembership {

    /** The prefix of every organisation's implicit collection. */
    public static final String IMPLICIT_COLLECTION_PREFIX = "_implicit_org_";

    private final String mspId;

    /** @param mspId the MSP id of this peer's organisation */
    public PeerCollectionMembership(String mspId) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
    }

    public String mspId() {
        return mspId;
    }

    @Override
    public boolean isMember(String namespace, String collection, WorldState committed) throws LedgerStoreException {
        if (collection.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
            return collection.substring(IMPLICIT_COLLECTION_PREFIX.length()).equals(mspId);
        }
        Optional<ChaincodeDefinition> definition = new ChaincodeDefinitions(committed).definition(namespace);
        if (definition.isEmpty()) {
            return false;
        }
        for (CollectionConfig config : definition.get().collections().getConfigList()) {
            StaticCollectionConfig staticConfig = config.getStaticCollectionConfig();
            if (staticConfig.getName().equals(collection)) {
                return memberOrgs(staticConfig).contains(mspId);
            }
        }
        return false;
    }

    /** The MSP ids a collection's member policy names, as Fabric's collection store lists them. */
    static Set<String> memberOrgs(StaticCollectionConfig config) {
        Set<String> orgs = new LinkedHashSet<>();
        for (MSPPrincipal principal : config.getMemberOrgsPolicy().getSignaturePolicy().getIdentitiesList()) {
            try {
                switch (principal.getPrincipalClassification()) {
                    case ROLE -> orgs.add(MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier());
                    case IDENTITY -> orgs.add(SerializedIdentity.parseFrom(principal.getPrincipal()).getMspid());
                    case ORGANIZATION_UNIT -> orgs.add(OrganizationUnit.parseFrom(principal.getPrincipal())
                            .getMspIdentifier());
                    default -> {
                        // anonymity and combined principals name no organisation
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                // a principal that does not parse names no organisation; the lifecycle refuses such configs anyway
            }
        }
        return orgs;
    }
}
