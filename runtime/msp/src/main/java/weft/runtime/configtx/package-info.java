/**
 * Channel configuration as Fabric's {@code configtxgen} writes it: a channel's genesis config transaction from
 * MSP folders (orderer and application organisations) with Fabric's standard policies, capabilities and orderer
 * settings, the reading of those orderer settings and capabilities back from a config, and the consensus-type
 * change of a migration ({@link weft.runtime.configtx.ConsensusTypeChange}).
 */
@Export
@Version("0.2.0")
package weft.runtime.configtx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
