package weft.runtime.configtx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import weft.api.ordering.BatchConfig;

/**
 * The settings of a channel config that its MSPs and policies do not cover: how it is ordered and which
 * capabilities its levels require. Read from a config's {@code /Channel} group.
 *
 * @param orderer                 {@code /Channel/Orderer}'s ConsensusType, BatchSize and BatchTimeout
 * @param channelCapabilities     {@code /Channel}'s capabilities
 * @param applicationCapabilities {@code /Channel/Application}'s capabilities
 */
public record ChannelSettings(OrdererSettings orderer, List<String> channelCapabilities,
                              List<String> applicationCapabilities) {

    public ChannelSettings {
        Objects.requireNonNull(orderer, "orderer");
        channelCapabilities = List.copyOf(channelCapabilities);
        applicationCapabilities = List.copyOf(applicationCapabilities);
    }

    /**
     * Reads the settings of a {@code /Channel} group.
     *
     * @throws ConfigTxException naming the value that is missing or malformed
     */
    public static ChannelSettings read(ConfigGroup channel) throws ConfigTxException {
        ConfigGroup orderer = channel.getGroupsMap().get(ChannelGenesis.ORDERER);
        if (orderer == null) {
            throw new ConfigTxException("the channel config has no /Channel/Orderer group");
        }
        try {
            ConsensusType type = ConsensusType.parseFrom(required(orderer, ChannelGenesis.CONSENSUS_TYPE_VALUE));
            BatchSize size = BatchSize.parseFrom(required(orderer, ChannelGenesis.BATCH_SIZE_VALUE));
            String timeoutText = BatchTimeout.parseFrom(required(orderer, ChannelGenesis.BATCH_TIMEOUT_VALUE))
                    .getTimeout();
            BatchConfig batch;
            try {
                batch = new BatchConfig(new weft.api.ordering.BatchSize(size.getMaxMessageCount(),
                        size.getAbsoluteMaxBytes(), size.getPreferredMaxBytes()), GoDurations.parse(timeoutText));
            } catch (IllegalArgumentException e) {
                throw new ConfigTxException("/Channel/Orderer: " + e.getMessage(), e);
            }
            OrdererSettings settings = new OrdererSettings(type.getType(), type.getMetadata(), batch);
            return new ChannelSettings(settings, capabilities(channel),
                    channel.getGroupsMap().containsKey(ChannelGenesis.APPLICATION)
                            ? capabilities(channel.getGroupsMap().get(ChannelGenesis.APPLICATION)) : List.of());
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigTxException("a /Channel/Orderer value does not parse: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigTxException("/Channel/Orderer/ConsensusType: " + e.getMessage(), e);
        }
    }

    /** Whether the application capabilities allow Fabric v2's lifecycle and validation ({@code V2_0} or later). */
    public boolean applicationV20() {
        return applicationCapabilities.stream().anyMatch(c -> c.startsWith("V2_") || c.startsWith("V3_"));
    }

    private static com.google.protobuf.ByteString required(ConfigGroup orderer, String name) throws ConfigTxException {
        ConfigValue value = orderer.getValuesMap().get(name);
        if (value == null) {
            throw new ConfigTxException("the channel config has no /Channel/Orderer/" + name + " value");
        }
        return value.getValue();
    }

    private static List<String> capabilities(ConfigGroup group) throws InvalidProtocolBufferException {
        ConfigValue value = group.getValuesMap().get(ChannelGenesis.CAPABILITIES_VALUE);
        return value == null ? List.of() : ChannelGenesis.capabilityNames(value.getValue());
    }
}
