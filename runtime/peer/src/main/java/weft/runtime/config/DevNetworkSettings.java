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
 */
public record DevNetworkSettings(String channel, String consensusType, Duration batchTimeout, int maxMessageCount,
                                 int raftPort, Optional<DevChaincode> chaincode) {

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
    }
}
