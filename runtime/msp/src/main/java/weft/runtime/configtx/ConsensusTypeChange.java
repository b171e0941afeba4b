package weft.runtime.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.ConsensusType;

/**
 * The config change of Fabric's consensus-type migration: the channel's current config with
 * {@code /Channel/Orderer/ConsensusType} set to a new type and metadata (state normal), the value's version and
 * the config sequence each one higher, everything else unchanged. The orderer that writes the resulting config
 * block signs its {@code CONFIG} transaction, so the peer's committer checks it as any config transaction.
 * <pre>{@code
 * ConfigEnvelope next = ConsensusTypeChange.apply(current, "raft", raftMetadata);
 * Envelope tx = ConsensusTypeChange.configTransaction("mychannel", next, orderer.identity(), orderer::sign);
 * }</pre>
 */
public final class ConsensusTypeChange {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsensusTypeChange() {
    }

    /**
     * The config that follows {@code current} with the new consensus type.
     *
     * @throws ConfigTxException when {@code current} has no {@code /Channel/Orderer/ConsensusType} or it does not
     *                           parse
     */
    public static ConfigEnvelope apply(ConfigEnvelope current, String type, ByteString metadata)
            throws ConfigTxException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metadata, "metadata");
        if (type.isBlank()) {
            throw new ConfigTxException("the new consensus type is empty");
        }
        Config config = current.getConfig();
        ConfigGroup channel = config.getChannelGroup();
        ConfigGroup orderer = channel.getGroupsMap().get(ChannelGenesis.ORDERER);
        if (orderer == null) {
            throw new ConfigTxException("the channel config has no /Channel/Orderer group");
        }
        ConfigValue value = orderer.getValuesMap().get(ChannelGenesis.CONSENSUS_TYPE_VALUE);
        if (value == null) {
            throw new ConfigTxException("the channel config has no /Channel/Orderer/ConsensusType value");
        }
        ConsensusType previous;
        try {
            previous = ConsensusType.parseFrom(value.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigTxException("/Channel/Orderer/ConsensusType does not parse: " + e.getMessage(), e);
        }
        ConsensusType next = previous.toBuilder().setType(type).setMetadata(metadata)
                .setState(ConsensusType.State.STATE_NORMAL).build();
        ConfigValue changed = value.toBuilder().setVersion(value.getVersion() + 1).setValue(next.toByteString()).build();
        ConfigGroup newOrderer = orderer.toBuilder().putValues(ChannelGenesis.CONSENSUS_TYPE_VALUE, changed).build();
        ConfigGroup newChannel = channel.toBuilder().putGroups(ChannelGenesis.ORDERER, newOrderer).build();
        return ConfigEnvelope.newBuilder().setConfig(config.toBuilder().setSequence(config.getSequence() + 1)
                .setChannelGroup(newChannel)).build();
    }

    /**
     * A {@code CONFIG} envelope carrying {@code config} for {@code channelId}, created and signed by
     * {@code creator} (a marshalled {@code msp.SerializedIdentity}), with a fresh nonce and Fabric's txid.
     */
    public static Envelope configTransaction(String channelId, ConfigEnvelope config, ByteString creator,
                                             UnaryOperator<byte[]> sign) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setNonce(ByteString.copyFrom(nonce))
                .setCreator(creator).build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_VALUE).setVersion(1)
                .setChannelId(channelId).setEpoch(0)
                .setTimestamp(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                .setTxId(txId(nonce, creator)).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString()).setSignatureHeader(signatureHeader.toByteString()))
                .setData(config.toByteString()).build();
        return Envelope.newBuilder().setPayload(payload.toByteString())
                .setSignature(ByteString.copyFrom(sign.apply(payload.toByteArray()))).build();
    }

    private static String txId(byte[] nonce, ByteString creator) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(nonce);
            digest.update(creator.toByteArray());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
