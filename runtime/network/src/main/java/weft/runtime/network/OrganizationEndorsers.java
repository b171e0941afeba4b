package weft.runtime.network;

import java.io.IOException;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One organisation's endorsing peer as the gateway reaches it. The gateway endorses a proposal with one of these per
 * organisation its plan names; on a single node the only one is the local peer, and other organisations' peers
 * (reached over gRPC) are further implementations.
 */
public interface OrganizationEndorsers {

    /** The organisation's MSP id. */
    String mspId();

    /** Where the endorser is, as the gateway's error details name it ({@code host:port}, or the local peer's). */
    String address();

    /**
     * Has the organisation's peer process a proposal, as its Endorser service does: a refusal is a response with
     * status 500 and a message, not an exception.
     *
     * @throws IOException when the peer cannot be reached
     */
    ProposalResponse processProposal(SignedProposal proposal) throws IOException;

    /**
     * The peer's ledger height on {@code channelId} when the gateway can know it (a peer of this process), else -1.
     * The gateway waits briefly for a peer behind its own before asking it to endorse, as Fabric's gateway prefers
     * peers at the highest block height.
     */
    default long height(String channelId) {
        return -1;
    }
}
