package weft.runtime.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import weft.runtime.msp.ChannelMsps;
import weft.runtime.msp.MspConfigException;
import weft.runtime.msp.MspManager;
import weft.runtime.policy.ChannelPolicies;
import weft.runtime.policy.PolicyException;

/**
 * A channel's configuration as the committer needs it, as of one config block: its MSPs, its policies, and its
 * application organisations (config group name by MSP id), whose endorsement policies govern their implicit
 * private-data collections.
 */
public record ChannelConfig(String channelId, long sequence, MspManager msps, ChannelPolicies policies,
                            Map<String, String> applicationOrganizations) {

    public ChannelConfig {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(msps, "msps");
        Objects.requireNonNull(policies, "policies");
        applicationOrganizations = Map.copyOf(applicationOrganizations);
    }

    /** The config a config transaction carries. */
    public static ChannelConfig from(String channelId, ConfigEnvelope envelope) throws ConfigException {
        try {
            ConfigGroup channel = envelope.getConfig().getChannelGroup();
            MspManager msps = ChannelMsps.fromConfig(channel);
            ChannelPolicies policies = ChannelPolicies.fromConfig(channel, msps);
            return new ChannelConfig(channelId, envelope.getConfig().getSequence(), msps, policies,
                    applicationOrganizations(channel));
        } catch (MspConfigException | PolicyException | InvalidProtocolBufferException e) {
            throw new ConfigException("channel " + channelId + ": the configuration is not usable: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> applicationOrganizations(ConfigGroup channel) throws InvalidProtocolBufferException {
        Map<String, String> organizations = new TreeMap<>();
        ConfigGroup application = channel.getGroupsMap().get("Application");
        if (application == null) {
            return organizations;
        }
        for (Map.Entry<String, ConfigGroup> org : application.getGroupsMap().entrySet()) {
            ConfigValue msp = org.getValue().getValuesMap().get(ChannelMsps.MSP_VALUE);
            if (msp != null) {
                organizations.put(FabricMSPConfig.parseFrom(MSPConfig.parseFrom(msp.getValue()).getConfig()).getName(),
                        org.getKey());
            }
        }
        return organizations;
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
