/**
 * Channel configuration as Fabric's {@code configtxgen} writes it: a channel's genesis config transaction from
 * MSP folders (orderer and application organisations) with Fabric's standard policies, capabilities and orderer
 * settings, and the reading of those orderer settings and capabilities back from a config.
 */
@Export
@Version("0.1.0")
package weft.runtime.configtx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
