package weft.plugins.escc;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.endorsement.EndorsementResult;
import weft.api.endorsement.SigningIdentity;
import weft.api.endorsement.SigningIdentityFetcher;
import weft.api.plugin.Dependencies;
import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;

/**
 * Fabric's default endorsement: the endorser is the serialized signing identity the peer provides for the
 * proposal, and the signature covers the proposal response payload followed by those endorser bytes. The
 * payload is returned unchanged.
 */
final class DefaultEndorsement implements EndorsementPlugin {

    // Written once by init before the peer publishes the instance to endorsing threads.
    private volatile SigningIdentityFetcher signingIdentities;

    @Override
    public void init(Dependency... dependencies) throws PluginInitException {
        signingIdentities = Dependencies.require(SigningIdentityFetcher.class, dependencies);
    }

    @Override
    public EndorsementResult endorse(ByteString proposalResponsePayload, SignedProposal proposal)
            throws EndorsementException {
        SigningIdentityFetcher fetcher = signingIdentities;
        if (fetcher == null) {
            throw new EndorsementException("DefaultEndorsement was not initialised");
        }
        SigningIdentity identity = fetcher.signingIdentityForRequest(proposal);
        if (identity == null) {
            throw new EndorsementException("no signing identity is available for this proposal");
        }
        ByteString endorser = identity.serialize();
        ByteString signature = identity.sign(proposalResponsePayload.concat(endorser));
        Endorsement endorsement = Endorsement.newBuilder().setEndorser(endorser).setSignature(signature).build();
        return new EndorsementResult(endorsement, proposalResponsePayload);
    }
}
