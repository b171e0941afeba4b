package weft.runtime.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import weft.runtime.policy.PolicyParser;
import weft.runtime.policy.PolicySyntaxException;

/**
 * Builds a channel's genesis configuration as Fabric's {@code configtxgen} does for an application channel
 * (the v2 way, without a system channel), with the policies of Fabric's sample networks:
 * <pre>
 * /Channel                  Readers ANY Readers, Writers ANY Writers, Admins MAJORITY Admins;
 *                           HashingAlgorithm SHA256, BlockDataHashingStructure, Capabilities V2_0, OrdererAddresses
 * /Channel/Orderer          the same three, BlockValidation ANY Writers; ConsensusType, BatchSize, BatchTimeout,
 *                           Capabilities V2_0
 * /Channel/Orderer/&lt;org&gt;    Readers and Writers OR('&lt;msp&gt;.member'), Admins OR('&lt;msp&gt;.admin'); MSP
 * /Channel/Application      the same three, Endorsement and LifecycleEndorsement MAJORITY Endorsement;
 *                           Capabilities V2_0
 * /Channel/Application/&lt;org&gt; Readers OR(admin, peer, client), Writers OR(admin, client), Admins OR(admin),
 *                           Endorsement OR(peer); MSP
 * </pre>
 * Every element's modification policy is {@code Admins}.
 * <pre>{@code
 * ChannelProfile profile = new ChannelProfile("mychannel",
 *         List.of(Organization.fromMspFolder(ordererMsp, "OrdererMSP")),
 *         List.of(Organization.fromMspFolder(org1Msp, "Org1MSP")), OrdererSettings.SOLO_DEFAULTS, List.of());
 * Envelope genesisTx = ChannelGenesis.genesisTransaction(profile);   // block 0 holds only this envelope
 * }</pre>
 */
public final class ChannelGenesis {

    public static final String CHANNEL = "Channel";
    public static final String ORDERER = "Orderer";
    public static final String APPLICATION = "Application";
    public static final String ADMINS = "Admins";
    public static final String READERS = "Readers";
    public static final String WRITERS = "Writers";
    public static final String ENDORSEMENT = "Endorsement";
    public static final String LIFECYCLE_ENDORSEMENT = "LifecycleEndorsement";
    public static final String BLOCK_VALIDATION = "BlockValidation";
    /** The capability every level of a channel made by this class requires. */
    public static final String V2_0 = "V2_0";

    static final String MSP_VALUE = "MSP";
    static final String CAPABILITIES_VALUE = "Capabilities";
    static final String CONSENSUS_TYPE_VALUE = "ConsensusType";
    static final String BATCH_SIZE_VALUE = "BatchSize";
    static final String BATCH_TIMEOUT_VALUE = "BatchTimeout";

    private static final int SIGNATURE = Policy.PolicyType.SIGNATURE_VALUE;
    private static final int IMPLICIT_META = Policy.PolicyType.IMPLICIT_META_VALUE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ChannelGenesis() {
    }

    /** The {@code /Channel} config group of the profile. */
    public static ConfigGroup channelGroup(ChannelProfile profile) {
        ConfigGroup.Builder orderer = levelPolicies(ConfigGroup.newBuilder())
                .putPolicies(BLOCK_VALIDATION, meta(WRITERS, ImplicitMetaPolicy.Rule.ANY))
                .putValues(CONSENSUS_TYPE_VALUE, value(ConsensusType.newBuilder()
                        .setType(profile.orderer().consensusType())
                        .setMetadata(profile.orderer().consensusMetadata()).build().toByteString()))
                .putValues(BATCH_SIZE_VALUE, value(BatchSize.newBuilder()
                        .setMaxMessageCount(profile.orderer().batch().batchSize().maxMessageCount())
                        .setAbsoluteMaxBytes(profile.orderer().batch().batchSize().absoluteMaxBytes())
                        .setPreferredMaxBytes(profile.orderer().batch().batchSize().preferredMaxBytes())
                        .build().toByteString()))
                .putValues(BATCH_TIMEOUT_VALUE, value(BatchTimeout.newBuilder()
                        .setTimeout(GoDurations.format(profile.orderer().batch().batchTimeout())).build().toByteString()))
                .putValues(CAPABILITIES_VALUE, capabilities());
        for (Organization organization : profile.ordererOrganizations()) {
            String id = organization.mspId();
            orderer.putGroups(organization.name(), organization(organization)
                    .putPolicies(READERS, signature("OR('" + id + ".member')"))
                    .putPolicies(WRITERS, signature("OR('" + id + ".member')"))
                    .putPolicies(ADMINS, signature("OR('" + id + ".admin')")).build());
        }
        ConfigGroup.Builder application = levelPolicies(ConfigGroup.newBuilder())
                .putPolicies(ENDORSEMENT, meta(ENDORSEMENT, ImplicitMetaPolicy.Rule.MAJORITY))
                .putPolicies(LIFECYCLE_ENDORSEMENT, meta(ENDORSEMENT, ImplicitMetaPolicy.Rule.MAJORITY))
                .putValues(CAPABILITIES_VALUE, capabilities());
        for (Organization organization : profile.applicationOrganizations()) {
            String id = organization.mspId();
            application.putGroups(organization.name(), organization(organization)
                    .putPolicies(READERS, signature("OR('" + id + ".admin', '" + id + ".peer', '" + id + ".client')"))
                    .putPolicies(WRITERS, signature("OR('" + id + ".admin', '" + id + ".client')"))
                    .putPolicies(ADMINS, signature("OR('" + id + ".admin')"))
                    .putPolicies(ENDORSEMENT, signature("OR('" + id + ".peer')")).build());
        }
        ConfigGroup.Builder channel = levelPolicies(ConfigGroup.newBuilder())
                .putGroups(ORDERER, orderer.build())
                .putGroups(APPLICATION, application.build())
                .putValues("HashingAlgorithm", value(HashingAlgorithm.newBuilder().setName("SHA256").build().toByteString()))
                .putValues("BlockDataHashingStructure", value(BlockDataHashingStructure.newBuilder()
                        .setWidth(0xFFFFFFFF).build().toByteString()))
                .putValues(CAPABILITIES_VALUE, capabilities());
        if (!profile.ordererAddresses().isEmpty()) {
            channel.putValues("OrdererAddresses", ConfigValue.newBuilder().setModPolicy("/Channel/Orderer/Admins")
                    .setValue(OrdererAddresses.newBuilder().addAllAddresses(profile.ordererAddresses()).build()
                            .toByteString()).build());
        }
        return channel.build();
    }

    /** The genesis configuration: sequence 0 and the profile's channel group. */
    public static ConfigEnvelope configEnvelope(ChannelProfile profile) {
        return ConfigEnvelope.newBuilder().setConfig(Config.newBuilder().setSequence(0)
                .setChannelGroup(channelGroup(profile))).build();
    }

    /**
     * The genesis config transaction: a {@code CONFIG} envelope for the channel, unsigned (as configtxgen leaves
     * it: nobody signs a genesis block's transaction; the orderer that writes the block vouches for it), with a
     * random nonce and the txid derived from it.
     */
    public static Envelope genesisTransaction(ChannelProfile profile) {
        return configTransaction(profile.channelId(), configEnvelope(profile));
    }

    /** An unsigned {@code CONFIG} envelope carrying {@code config} for {@code channelId}. */
    public static Envelope configTransaction(String channelId, ConfigEnvelope config) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setNonce(ByteString.copyFrom(nonce)).build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_VALUE).setVersion(1)
                .setChannelId(channelId).setEpoch(0)
                .setTimestamp(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                .setTxId(txId(signatureHeader)).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString()).setSignatureHeader(signatureHeader.toByteString()))
                .setData(config.toByteString()).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }

    private static ConfigGroup.Builder levelPolicies(ConfigGroup.Builder group) {
        return group.setModPolicy(ADMINS)
                .putPolicies(READERS, meta(READERS, ImplicitMetaPolicy.Rule.ANY))
                .putPolicies(WRITERS, meta(WRITERS, ImplicitMetaPolicy.Rule.ANY))
                .putPolicies(ADMINS, meta(ADMINS, ImplicitMetaPolicy.Rule.MAJORITY));
    }

    private static ConfigGroup.Builder organization(Organization organization) {
        return ConfigGroup.newBuilder().setModPolicy(ADMINS)
                .putValues(MSP_VALUE, value(MSPConfig.newBuilder().setType(0)
                        .setConfig(organization.msp().toByteString()).build().toByteString()));
    }

    private static ConfigValue capabilities() {
        return value(Capabilities.newBuilder().putCapabilities(V2_0, Capability.getDefaultInstance()).build()
                .toByteString());
    }

    private static ConfigValue value(ByteString bytes) {
        return ConfigValue.newBuilder().setModPolicy(ADMINS).setValue(bytes).build();
    }

    private static ConfigPolicy meta(String subPolicy, ImplicitMetaPolicy.Rule rule) {
        return ConfigPolicy.newBuilder().setModPolicy(ADMINS).setPolicy(Policy.newBuilder().setType(IMPLICIT_META)
                .setValue(ImplicitMetaPolicy.newBuilder().setSubPolicy(subPolicy).setRule(rule).build().toByteString()))
                .build();
    }

    private static ConfigPolicy signature(String rule) {
        try {
            return ConfigPolicy.newBuilder().setModPolicy(ADMINS).setPolicy(Policy.newBuilder().setType(SIGNATURE)
                    .setValue(PolicyParser.parse(rule).toByteString())).build();
        } catch (PolicySyntaxException e) {
            throw new IllegalArgumentException("the policy " + rule + " does not parse (is the MSP id valid?): "
                    + e.getMessage(), e);
        }
    }

    /** Fabric's txid: hex(SHA-256(nonce ‖ creator)). */
    private static String txId(SignatureHeader header) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(header.getNonce().toByteArray());
            digest.update(header.getCreator().toByteArray());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** The names of the capabilities a {@code Capabilities} config value lists. */
    static List<String> capabilityNames(ByteString value) throws com.google.protobuf.InvalidProtocolBufferException {
        return List.copyOf(Capabilities.parseFrom(value).getCapabilitiesMap().keySet());
    }
}
