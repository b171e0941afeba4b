/**
 * Fabric's X.509 membership service providers: build an MSP from a Fabric MSP folder or from the
 * {@code FabricMSPConfig} of a channel config, deserialize and validate identities (chain, revocation,
 * NodeOU classification, admins) and test MSP principals. Exported for the peer's own bundles.
 */
@Export
@Version("0.1.0")
package weft.runtime.msp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
