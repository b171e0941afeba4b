package weft.runtime.channel;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.configtx.ChannelGenesis;

/**
 * Reads where a channel's ordering nodes are from its config block, as a Fabric peer does: each orderer
 * organisation's {@code Endpoints}, else the channel-wide {@code OrdererAddresses}; and the orderer organisations'
 * TLS root certificates.
 */
final class OrdererEndpointsReader {

    private static final String ENDPOINTS = "Endpoints";
    private static final String ORDERER_ADDRESSES = "OrdererAddresses";
    private static final String MSP = "MSP";

    private OrdererEndpointsReader() {
    }

    static OrdererConnector.OrdererEndpoints read(Block configBlock) throws ChannelException {
        ConfigGroup channel = ChannelConfig.configEnvelope(configBlock).orElseThrow(() -> new ChannelException(
                "block " + configBlock.getHeader().getNumber() + " is not a config block")).getConfig()
                .getChannelGroup();
        ConfigGroup orderer = channel.getGroupsOrDefault(ChannelGenesis.ORDERER, ConfigGroup.getDefaultInstance());
        Set<String> addresses = new LinkedHashSet<>();
        List<byte[]> roots = new ArrayList<>();
        try {
            for (ConfigGroup organization : orderer.getGroupsMap().values()) {
                ConfigValue endpoints = organization.getValuesMap().get(ENDPOINTS);
                if (endpoints != null) {
                    addresses.addAll(OrdererAddresses.parseFrom(endpoints.getValue()).getAddressesList());
                }
                ConfigValue msp = organization.getValuesMap().get(MSP);
                if (msp != null) {
                    FabricMSPConfig config = FabricMSPConfig.parseFrom(MSPConfig.parseFrom(msp.getValue()).getConfig());
                    config.getTlsRootCertsList().forEach(cert -> roots.add(cert.toByteArray()));
                }
            }
            ConfigValue global = channel.getValuesMap().get(ORDERER_ADDRESSES);
            if (addresses.isEmpty() && global != null) {
                addresses.addAll(OrdererAddresses.parseFrom(global.getValue()).getAddressesList());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelException("the channel's orderer configuration does not parse: " + e.getMessage(), e);
        }
        if (addresses.isEmpty()) {
            throw new ChannelException("the channel's configuration names no orderer address (no orderer "
                    + "organisation Endpoints, no OrdererAddresses), so a peer that does not order it cannot reach its "
                    + "ordering service");
        }
        return new OrdererConnector.OrdererEndpoints(List.copyOf(addresses), roots);
    }
}
