package weft.runtime.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Who this node is and which channels it sets up by itself, from {@code core.yaml}. Relative MSP paths are
 * resolved against the peer's data directory, where the development network keeps its crypto material.
 *
 * @param mspConfigPath        {@code peer.mspConfigPath}: the peer's own MSP folder (signing certificate and key)
 * @param localMspId           {@code peer.localMspId}
 * @param ordererMspConfigPath {@code peer.ordering.mspConfigPath}: the MSP folder this node signs blocks with
 * @param ordererMspId         {@code peer.ordering.localMspId}
 * @param devNetwork           {@code peer.devNetwork}, when enabled
 * @param orderingEnabled      {@code peer.ordering.enabled}: whether this node orders its channels (default true); a
 *                             node that does not follows the ordering nodes each channel's configuration names
 */
public record NodeSettings(String mspConfigPath, String localMspId, String ordererMspConfigPath, String ordererMspId,
                           Optional<DevNetworkSettings> devNetwork, boolean orderingEnabled) {

    /** The peer identity of the development network's crypto material (Org1's peer0). */
    public static final String DEV_PEER_MSP = "crypto/peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp";
    /** The orderer identity of the development network's crypto material. */
    public static final String DEV_ORDERER_MSP = "crypto/ordererOrganizations/example.com/orderers/orderer.example.com/msp";

    public static final NodeSettings DEFAULTS = new NodeSettings(DEV_PEER_MSP, "Org1MSP", DEV_ORDERER_MSP, "OrdererMSP",
            Optional.empty(), true);

    public NodeSettings {
        Objects.requireNonNull(mspConfigPath, "mspConfigPath");
        Objects.requireNonNull(localMspId, "localMspId");
        Objects.requireNonNull(ordererMspConfigPath, "ordererMspConfigPath");
        Objects.requireNonNull(ordererMspId, "ordererMspId");
        Objects.requireNonNull(devNetwork, "devNetwork");
    }

    /** The settings of a node that orders its channels. */
    public NodeSettings(String mspConfigPath, String localMspId, String ordererMspConfigPath, String ordererMspId,
                        Optional<DevNetworkSettings> devNetwork) {
        this(mspConfigPath, localMspId, ordererMspConfigPath, ordererMspId, devNetwork, true);
    }
}
