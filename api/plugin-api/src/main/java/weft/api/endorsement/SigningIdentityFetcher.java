package weft.api.endorsement;

import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.osgi.annotation.versioning.ProviderType;
import weft.api.plugin.Dependency;

/** Gives an endorsement plugin the identity to sign with; passed to {@link EndorsementPlugin#init}. */
@ProviderType
public interface SigningIdentityFetcher extends Dependency {

    /** The identity to endorse {@code proposal} with; the peer's own signing identity unless configured otherwise. */
    SigningIdentity signingIdentityForRequest(SignedProposal proposal) throws EndorsementException;
}
