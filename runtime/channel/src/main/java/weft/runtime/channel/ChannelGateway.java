package weft.runtime.channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.api.identity.SignedData;
import weft.runtime.policy.PolicyException;

/**
 * The node's channels as a client reaches them, in process: what Fabric's Gateway service does (endorse,
 * submit and wait for the commit status, evaluate), without the network, and what the network services need
 * besides (ordering without waiting, commit status look-ups, committed and ordered blocks, channel policy checks).
 * The gRPC services ({@code weft.runtime.network}) call this; so do the command line and the tests.
 * <pre>{@code
 * GatewayClient client = new GatewayClient(userIdentity);
 * GatewayClient.Proposed proposal = client.propose("mychannel", "basic", List.of("CreateAsset", "a1", ...));
 * ProposalResponse response = gateway.endorse(proposal.signed());
 * CommitStatus status = gateway.submit(client.transaction(proposal, List.of(response)), Duration.ofSeconds(30));
 * }</pre>
 */
public interface ChannelGateway {

    /** Service property: the node's data directory (absolute), against which core.yaml's relative paths resolve. */
    String DATA_DIRECTORY = "weft.data.directory";

    /** Service property: the MSP id of the peer's organisation. */
    String MSP_ID = "weft.msp.id";
    /**
     * Service property: where the network services serve this peer ({@code host:port}); absent for the node's own
     * peer, which is served on {@code peer.listenAddress}.
     */
    String LISTEN_ADDRESS = "weft.peer.listenAddress";
    /** Service property, with {@link #LISTEN_ADDRESS}: the peer's TLS folder ({@code server.crt}, {@code server.key}, {@code ca.crt}). */
    String TLS_FOLDER = "weft.peer.tlsFolder";

    /**
     * Endorses a proposal on this peer: the endorser's checks, simulation and the endorsement plugin. Never throws:
     * a refused proposal is a response with status 500 and a message.
     */
    ProposalResponse endorse(SignedProposal proposal);

    /**
     * Runs a proposal for its result only (a query): as {@link #endorse}, but nothing it produced is kept for a
     * later commit.
     */
    ProposalResponse evaluate(SignedProposal proposal);

    /**
     * Broadcasts a transaction envelope to its channel's ordering and waits until the block holding it is
     * committed by this peer.
     *
     * @throws BroadcastException     when the envelope is refused before or by ordering (Fabric's status codes)
     * @throws CommitTimeoutException when it was ordered but not committed within {@code timeout}
     */
    CommitStatus submit(Envelope transaction, Duration timeout)
            throws BroadcastException, CommitTimeoutException, InterruptedException;

    /**
     * Broadcasts a transaction envelope to its channel's ordering and returns once ordering accepted it, without
     * waiting for the commit (the gateway's Submit and the orderer's Broadcast service). The same checks as
     * {@link #submit} apply.
     *
     * @throws BroadcastException when the envelope is refused before or by ordering, or ordering did not accept it
     *                            within {@code timeout} ({@code SERVICE_UNAVAILABLE})
     * @since 0.2
     */
    void order(Envelope transaction, Duration timeout) throws BroadcastException, InterruptedException;

    /**
     * The orderer's Broadcast: as {@link #order}, but only for channels this node orders — a peer that follows
     * ordering nodes elsewhere does not relay envelopes to them ({@code NOT_FOUND}). @since 0.2
     */
    void broadcast(Envelope transaction, Duration timeout) throws BroadcastException, InterruptedException;

    /**
     * The block number and validation code of a transaction committed on {@code channelId}; empty while it is not
     * committed.
     *
     * @throws ChannelException when the channel is not joined or the ledger cannot be read
     * @since 0.2
     */
    Optional<CommitStatus> commitStatus(String channelId, String txId) throws ChannelException;

    /**
     * Committed block {@code number} of {@code channelId}, with its validation flags (the peer's Deliver service);
     * empty while it is not committed.
     *
     * @throws ChannelException when the channel is not joined or the ledger cannot be read
     * @since 0.2
     */
    Optional<Block> block(String channelId, long number) throws ChannelException;

    /** The number of blocks in the orderer's block store of {@code channelId} (0 for an unknown channel). @since 0.2 */
    long orderedHeight(String channelId);

    /**
     * Block {@code number} as this node's ordering service stored it (the orderer's Deliver service); empty while
     * it is not ordered.
     *
     * @throws ChannelException when the channel is not joined or the store cannot be read
     * @since 0.2
     */
    Optional<Block> orderedBlock(String channelId, long number) throws ChannelException;

    /**
     * Checks signed data against a policy of the channel's current configuration, such as
     * {@code /Channel/Application/Readers} (who may read the channel's blocks and events).
     *
     * @throws ChannelException when the channel is not joined
     * @throws PolicyException  when the signatures do not satisfy the policy (naming why: an unknown identity, a
     *                          signature that does not verify, a principal not matched)
     * @since 0.2
     */
    void checkPolicy(String channelId, String policy, List<SignedData> signatures)
            throws ChannelException, PolicyException;

    /** The channels this peer has joined. */
    List<String> channels();

    /** The number of blocks committed on {@code channelId} (0 for an unknown channel). */
    long height(String channelId);
}
