package weft.api.endorsement;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;

/**
 * Endorses the result of a simulated proposal. One instance serves one channel: the peer calls
 * {@link #init} once, then {@link #endorse} from many threads at once, so implementations must be thread-safe.
 */
public interface EndorsementPlugin {

    /**
     * Receives what the plugin needs from the peer. On a channel the peer passes a {@link StateFetcher} and a
     * {@link SigningIdentityFetcher}; a plugin takes what it needs by type and ignores the rest.
     *
     * @throws PluginInitException when a required dependency is missing; the instance is then discarded
     */
    void init(Dependency... dependencies) throws PluginInitException;

    /**
     * Endorses a proposal response payload.
     *
     * @param proposalResponsePayload the marshalled {@code ProposalResponsePayload} the peer built
     * @param proposal                the client's signed proposal that was simulated
     * @return the endorsement and the payload to return to the client, which a plugin may have changed
     * @throws EndorsementException when the plugin refuses or fails to endorse; the client gets an error
     */
    EndorsementResult endorse(ByteString proposalResponsePayload, SignedProposal proposal)
            throws EndorsementException;
}
