/**
 * Pluggable validation (Fabric's VSCC): for every action of every endorser transaction in a block, the
 * committer calls the validation plugin that the namespace's chaincode definition names, passing the
 * endorsement policy as a {@link weft.api.validation.SerializedPolicy}.
 *
 * <p>A plugin's verdict is how {@code validate} ends: normally = valid;
 * {@link weft.api.validation.InvalidTransactionException} = the transaction is invalid
 * ({@code ENDORSEMENT_POLICY_FAILURE}); {@link weft.api.validation.ExecutionFailureException} = the plugin
 * could not decide, so the peer stops processing the block and marks nothing invalid. Any other exception a
 * plugin lets escape also marks the transaction invalid.
 *
 * <p>1.1.0 added {@link weft.api.validation.CollectionResources},
 * {@link weft.api.validation.UpdatedValidationParameters} and {@link weft.api.validation.EndorsedAction}. 1.2.0 added {@link weft.api.validation.EndorsedAction#fromBlock}.
 */
@Export
@Version("1.2.0")
package weft.api.validation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
