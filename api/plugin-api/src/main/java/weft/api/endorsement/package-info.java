/**
 * Pluggable endorsement (Fabric's ESCC): after the peer has simulated a proposal it hands the marshalled
 * {@code ProposalResponsePayload} to the endorsement plugin that the chaincode's definition names, and puts the
 * plugin's {@link weft.api.endorsement.EndorsementResult} into the {@code ProposalResponse}.
 *
 * <p>Types a plugin implements ({@link weft.api.endorsement.EndorsementPluginFactory},
 * {@link weft.api.endorsement.EndorsementPlugin}) change only in a major version; types the peer implements
 * for plugins to call ({@link weft.api.endorsement.SigningIdentityFetcher} and friends) may grow in a minor one.
 */
@Export
@Version("1.0.0")
package weft.api.endorsement;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
