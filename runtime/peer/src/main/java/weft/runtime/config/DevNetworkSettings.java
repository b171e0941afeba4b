package weft.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The development network a peer creates on its first start ({@code peer.devNetwork}): crypto material for an
 * orderer organisation and Org1 under the data directory, a channel ordered by this node, and optionally a
 * chaincode deployed through the lifecycle and initialised.
 *
 * @param channel         {@code channel}: the channel's name
 * @param consensusType   {@code consensusType}: {@code solo} or {@code raft}
 * @param batchTimeout    {@code batchTimeout}
 * @param maxMessageCount {@code maxMessageCount}
 * @param raftPort        {@code raftPort}: the port of this node's Raft server, when the type is raft
 * @param chaincode       {@code chaincode}, if one is to be deployed
 * @param organizations   {@code organizations}: how many peer organisations, each with one peer (Org1's runs on
 *                        this node, which also orders the channel; each other one is a peer of this process that
 *                        follows the ordering service over the network, as a peer of another machine would)
 * @param ordererAddress  {@code ordererAddress}: where the ordering service listens ({@code host:port}), as the
 *                        channel's configuration records it
 */
public record DevNetworkSettings(String channel, String consensusType, Duration batchTimeout, int maxMessageCount,
                                 int raftPort, Optional<DevChaincode> chaincode, int organizations,
                                 String ordererAddress) {

    /** Fabric's orderer port on the loopback address. */
    public static final String DEFAULT_ORDERER_ADDRESS = "127.0.0.1:7050";
    /** Upper bound on the development network's organisations. */
    public static final int MAX_ORGANIZATIONS = 9;

    /**
     * The chaincode the development network deploys (sequence 1, the channel's default endorsement policy).
     *
     * @param name        the chaincode's name ({@code -n})
     * @param version     its version ({@code -v})
     * @param label       the package label
     * @param packageJar  the chaincode bundle jar; relative paths are relative to core.yaml's directory
     * @param initFunction a function invoked (without arguments) once the definition is committed; empty for none
     */
    public record DevChaincode(String name, String version, String label, Path packageJar, String initFunction) {
        public DevChaincode {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(packageJar, "packageJar");
            Objects.requireNonNull(initFunction, "initFunction");
        }
    }

    public DevNetworkSettings {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(consensusType, "consensusType");
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        Objects.requireNonNull(chaincode, "chaincode");
        Objects.requireNonNull(ordererAddress, "ordererAddress");
        if (organizations < 1 || organizations > MAX_ORGANIZATIONS) {
            throw new IllegalArgumentException("organizations must be between 1 and " + MAX_ORGANIZATIONS + ", was "
                    + organizations);
        }
    }

    /** A one-organisation network ordered on {@link #DEFAULT_ORDERER_ADDRESS}. */
    public DevNetworkSettings(String channel, String consensusType, Duration batchTimeout, int maxMessageCount,
                              int raftPort, Optional<DevChaincode> chaincode) {
        this(channel, consensusType, batchTimeout, maxMessageCount, raftPort, chaincode, 1, DEFAULT_ORDERER_ADDRESS);
    }
}
