/**
 * Crypto material for tests, demos and benchmarks, like Fabric's {@code cryptogen}: certificate authorities,
 * identities with NodeOUs, TLS CAs and TLS certificates, CRLs, and whole MSP folder trees for N organisations.
 */
@Export
@Version("0.2.0")
package weft.runtime.cryptogen;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
