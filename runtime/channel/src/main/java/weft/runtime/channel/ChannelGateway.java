package weft.runtime.channel;

import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The node's channels as a client reaches them, in process: what Fabric's Gateway service does (endorse,
 * submit and wait for the commit status, evaluate), without the network. The gRPC services call this; so do the
 * command line and the tests.
 * <pre>{@code
 * GatewayClient client = new GatewayClient(userIdentity);
 * GatewayClient.Proposed proposal = client.propose("mychannel", "basic", List.of("CreateAsset", "a1", ...));
 * ProposalResponse response = gateway.endorse(proposal.signed());
 * CommitStatus status = gateway.submit(client.transaction(proposal, List.of(response)), Duration.ofSeconds(30));
 * }</pre>
 */
public interface ChannelGateway {

    /** Service property: the MSP id of the peer's organisation. */
    String MSP_ID = "weft.peer.mspId";
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

    /** The channels this peer has joined. */
    List<String> channels();

    /** The number of blocks committed on {@code channelId} (0 for an unknown channel). */
    long height(String channelId);
}
