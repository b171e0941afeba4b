/**
 * Chaincode bundles as the endorser runs them: the registry that binds installed bundles to package ids
 * ({@code label:hex(sha256(jar))}) and finds the {@link weft.api.chaincode.Chaincode} or contract services a
 * bundle publishes, and the adapter that runs contracts.
 */
@Export
@Version("0.1.0")
package weft.runtime.endorser.chaincode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
