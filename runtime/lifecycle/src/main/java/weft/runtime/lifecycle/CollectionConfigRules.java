package weft.runtime.lifecycle;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * The checks Fabric's lifecycle makes on a definition's private-data collections when an organisation approves
 * it and when it is committed: well-formed names, no duplicates, sane peer counts, a member policy that is an
 * OR of principals of the channel's organisations, and no collection of the committed definition dropped or its
 * block-to-live changed.
 */
final class CollectionConfigRules {

    /**
     * Fabric's {@code ^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$}, written without the nested quantifier, which a
     * backtracking matcher would take exponential time on.
     */
    private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z0-9-][A-Za-z0-9_-]*");

    private CollectionConfigRules() {
    }

    /** The static collection configs of a package; every entry must be one. */
    static List<StaticCollectionConfig> staticConfigs(CollectionConfigPackage collections) throws LifecycleException {
        List<StaticCollectionConfig> configs = new ArrayList<>(collections.getConfigCount());
        for (CollectionConfig config : collections.getConfigList()) {
            if (config.getPayloadCase() != CollectionConfig.PayloadCase.STATIC_COLLECTION_CONFIG) {
                throw new LifecycleException("collection config contains unexpected payload type: "
                        + config.getPayloadCase());
            }
            configs.add(config.getStaticCollectionConfig());
        }
        return configs;
    }

    /** Checks proposed collections against each other and the channel's organisations. */
    static void validate(List<StaticCollectionConfig> configs, ChannelView channel) throws LifecycleException {
        Set<String> names = new HashSet<>();
        for (StaticCollectionConfig c : configs) {
            if (!COLLECTION_NAME.matcher(c.getName()).matches()) {
                throw new LifecycleException("invalid collection name '" + c.getName() + "'. Names can only consist of "
                        + "alphanumerics, '_', and '-' and cannot begin with '_'");
            }
            if (!names.add(c.getName())) {
                throw new LifecycleException("collection-name: " + c.getName()
                        + " -- found duplicate in collection configuration");
            }
            if (c.getMaximumPeerCount() < c.getRequiredPeerCount()) {
                throw new LifecycleException("collection-name: " + c.getName() + " -- maximum peer count ("
                        + c.getMaximumPeerCount() + ") cannot be less than the required peer count ("
                        + c.getRequiredPeerCount() + ")");
            }
            if (c.getRequiredPeerCount() < 0) {
                throw new LifecycleException("collection-name: " + c.getName() + " -- requiredPeerCount ("
                        + c.getRequiredPeerCount() + ") cannot be less than zero");
            }
            validateMemberOrgsPolicy(c, channel);
        }
    }

    private static void validateMemberOrgsPolicy(StaticCollectionConfig c, ChannelView channel)
            throws LifecycleException {
        if (!c.hasMemberOrgsPolicy()) {
            throw new LifecycleException("collection member policy is not set for collection '" + c.getName() + "'");
        }
        if (!c.getMemberOrgsPolicy().hasSignaturePolicy()) {
            throw new LifecycleException("collection member org policy is empty for collection '" + c.getName() + "'");
        }
        SignaturePolicyEnvelope policy = c.getMemberOrgsPolicy().getSignaturePolicy();
        try {
            if (!policy.hasRule()) {
                throw new LifecycleException("Empty policy element");
            }
            compiles(policy.getRule(), policy.getIdentitiesCount());
        } catch (LifecycleException e) {
            throw new LifecycleException("invalid member org policy for collection '" + c.getName() + "': "
                    + e.getMessage());
        }
        try {
            onlyOrs(policy.getRule());
        } catch (LifecycleException e) {
            throw new LifecycleException("collection-name: " + c.getName() + " -- error in member org policy: "
                    + e.getMessage());
        }
        Set<String> channelMsps = channel.mspIds();
        for (MSPPrincipal principal : policy.getIdentitiesList()) {
            try {
                switch (principal.getPrincipalClassification()) {
                    case ROLE -> requireMember(c, channelMsps,
                            MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier());
                    case ORGANIZATION_UNIT -> requireMember(c, channelMsps,
                            OrganizationUnit.parseFrom(principal.getPrincipal()).getMspIdentifier());
                    case IDENTITY -> {
                        if (!channel.isChannelIdentity(principal.getPrincipal())) {
                            throw new LifecycleException("collection-name: " + c.getName()
                                    + " -- contains an identity that is not part of the channel");
                        }
                    }
                    default -> throw new LifecycleException("collection-name: " + c.getName() + " -- principal type "
                            + principal.getPrincipalClassification() + " is not supported");
                }
            } catch (InvalidProtocolBufferException e) {
                throw new LifecycleException("collection-name: " + c.getName() + " -- cannot unmarshal identity bytes "
                        + "into " + principal.getPrincipalClassification() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void requireMember(StaticCollectionConfig c, Set<String> channelMsps, String mspId)
            throws LifecycleException {
        if (!channelMsps.contains(mspId)) {
            throw new LifecycleException("collection-name: " + c.getName() + " -- collection member '" + mspId
                    + "' is not part of the channel");
        }
    }

    /** The checks Fabric's policy compiler makes: every rule has a type, every index names an identity. */
    private static void compiles(SignaturePolicy rule, int identities) throws LifecycleException {
        switch (rule.getTypeCase()) {
            case N_OUT_OF -> {
                for (SignaturePolicy sub : rule.getNOutOf().getRulesList()) {
                    compiles(sub, identities);
                }
            }
            case SIGNED_BY -> {
                if (rule.getSignedBy() < 0 || rule.getSignedBy() >= identities) {
                    throw new LifecycleException("identity index out of range, requested " + rule.getSignedBy()
                            + ", but identities length is " + identities);
                }
            }
            default -> throw new LifecycleException("Unknown type: the signature policy rule has no type");
        }
    }

    /** A member policy must be an OR of principals at every level: each NOutOf has N = 1. */
    private static void onlyOrs(SignaturePolicy rule) throws LifecycleException {
        if (rule.getTypeCase() != SignaturePolicy.TypeCase.N_OUT_OF) {
            return;
        }
        if (rule.getNOutOf().getN() != 1) {
            throw new LifecycleException("signature policy is not an OR concatenation, NOutOf " + rule.getNOutOf().getN());
        }
        for (SignaturePolicy sub : rule.getNOutOf().getRulesList()) {
            onlyOrs(sub);
        }
    }

    /**
     * A redefinition must keep every collection of the committed definition, with its block-to-live; it may add
     * new ones.
     */
    static void validateAgainstCommitted(List<StaticCollectionConfig> proposed, CollectionConfigPackage committed)
            throws LifecycleException {
        if (committed.getConfigCount() == 0) {
            return;
        }
        if (proposed.isEmpty()) {
            throw new LifecycleException("the proposed collection config does not contain previously defined collections");
        }
        Map<String, StaticCollectionConfig> byName = new HashMap<>();
        for (StaticCollectionConfig c : proposed) {
            byName.put(c.getName(), c);
        }
        for (CollectionConfig config : committed.getConfigList()) {
            if (!config.hasStaticCollectionConfig()) {
                throw new LifecycleException("unknown collection configuration type");
            }
            StaticCollectionConfig old = config.getStaticCollectionConfig();
            StaticCollectionConfig now = byName.get(old.getName());
            if (now == null) {
                throw new LifecycleException("existing collection [" + old.getName()
                        + "] missing in the proposed collection configuration");
            }
            if (now.getBlockToLive() != old.getBlockToLive()) {
                throw new LifecycleException("the BlockToLive in an existing collection [" + old.getName()
                        + "] modified. Existing value [" + Long.toUnsignedString(old.getBlockToLive()) + "]");
            }
        }
    }
}
