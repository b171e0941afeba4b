package weft.runtime.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import weft.runtime.msp.ChannelMsps;
import weft.runtime.msp.MspConfigException;
import weft.runtime.msp.MspManager;
import weft.runtime.policy.ChannelPolicies;
import weft.runtime.policy.PolicyException;

/** A channel's configuration as the committer needs it: its MSPs and its policies, as of one config block. */
public record ChannelConfig(String channelId, long sequence, MspManager msps, ChannelPolicies policies) {

    public ChannelConfig {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(msps, "msps");
        Objects.requireNonNull(policies, "policies");
    }

    /** The config a config transaction carries. */
    public static ChannelConfig from(String channelId, ConfigEnvelope envelope) throws ConfigException {
        try {
            MspManager msps = ChannelMsps.fromConfig(envelope.getConfig().getChannelGroup());
            ChannelPolicies policies = ChannelPolicies.fromConfig(envelope.getConfig().getChannelGroup(), msps);
            return new ChannelConfig(channelId, envelope.getConfig().getSequence(), msps, policies);
        } catch (MspConfigException | PolicyException e) {
            throw new ConfigException("channel " + channelId + ": the configuration is not usable: " + e.getMessage(), e);
        }
    }

    /** The config of a block holding a single config transaction (a genesis or config block). */
    public static ChannelConfig fromConfigBlock(Block block) throws ConfigException {
        ConfigEnvelope envelope = configEnvelope(block)
                .orElseThrow(() -> new ConfigException("block " + block.getHeader().getNumber()
                        + " is not a config block"));
        return from(channelIdOf(block.getData().getData(0)), envelope);
    }

    /** The config envelope of a config block; empty for any other block. */
    public static Optional<ConfigEnvelope> configEnvelope(Block block) {
        if (block.getData().getDataCount() != 1) {
            return Optional.empty();
        }
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            return header.getType() == HeaderType.CONFIG_VALUE
                    ? Optional.of(ConfigEnvelope.parseFrom(payload.getData())) : Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private static String channelIdOf(ByteString envelope) throws ConfigException {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getChannelId();
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigException("the config transaction does not parse: " + e.getMessage(), e);
        }
    }

    /** The configuration cannot be used. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }

        public ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
