/** Fabric's block hashes: the data hash over the envelopes and the ASN.1 header hash that chains blocks. */
@Export
@Version("0.1.0")
package weft.runtime.ledger.block;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
