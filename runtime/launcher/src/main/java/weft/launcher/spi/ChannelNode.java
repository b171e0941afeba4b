package weft.launcher.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * The peer's channels: opens the channels under the peer's data directory (ledger, ordering, committing,
 * endorsing) and serves the command-line tools that work on them. Needs a started peer ({@link PeerControl#start}).
 */
public interface ChannelNode {

    /**
     * Opens every channel this node has joined under {@code dataDirectory} and starts ordering, committing and
     * endorsing on it. With {@code createDevNetwork}, first creates core.yaml's development network when it is
     * configured and absent (crypto material, the channel, the sample chaincode).
     *
     * @return lines for the operator: each channel with its height, and what the development network did
     * @throws PeerStartException when a channel cannot be opened (its message names the channel and the cause)
     */
    List<String> open(Path dataDirectory, boolean createDevNetwork) throws PeerStartException;

    /**
     * Invokes ({@code submit}: endorse, order, wait for the commit) or queries (endorse only) a chaincode on an
     * opened channel.
     *
     * @return the chaincode's response payload and, for an invoke, the transaction's id, block and validation code
     * @throws ToolException when the call is malformed, refused, or the transaction is not committed as valid
     */
    List<String> chaincode(ChaincodeCall call) throws ToolException;

    /**
     * Runs a {@code peer lifecycle chaincode} command with Fabric's options.
     *
     * @throws ToolException when the options are wrong or the lifecycle refuses the command
     */
    List<String> lifecycle(LifecycleCall call) throws ToolException;

    /**
     * Moves an opened channel to another consensus type (solo to {@code raft}: maintenance, a config block naming
     * the new type, the new consenter on the same blocks). Added in SPI 1.5.
     *
     * @return lines for the operator: the config block and the channel's height
     * @throws ToolException when the channel is unknown, the move is not supported, or a step failed (the message
     *                       says whether the channel still orders with its old consenter)
     */
    List<String> migrateOrdering(String channelId, String consensusType) throws ToolException;

    /**
     * Joins this node to the channel whose genesis block {@code genesisBlock} holds (Fabric's {@code peer channel
     * join -b}): keeps the block, creates the ledger, and starts following the channel's ordering — this node's own,
     * or, on a node with {@code peer.ordering.enabled: false}, the ordering service the channel's configuration
     * names. Added in SPI 1.7.
     *
     * @return lines for the operator: the channel, and who orders it
     * @throws ToolException when the file is not a genesis block, the channel is joined already, or it cannot be
     *                       opened
     */
    default List<String> joinChannel(Path genesisBlock) throws ToolException {
        throw new ToolException("this channel bundle cannot join channels from the command line");
    }

    /**
     * The channels this node has joined, each with its height and who orders it (Fabric's {@code peer channel
     * list}). Added in SPI 1.7.
     */
    default List<String> listChannels() throws ToolException {
        throw new ToolException("this channel bundle cannot list channels from the command line");
    }
}
