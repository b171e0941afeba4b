/**
 * Transaction simulation: a chaincode's reads and writes against a consistent snapshot of a channel's world
 * state, recorded as Fabric's read-write set ({@code TxReadWriteSet}, with hashed private data, and the private
 * write set kept apart). Used by the endorser for every proposal, and by system chaincodes such as the
 * lifecycle.
 */
@Export
@Version("0.1.0")
package weft.runtime.endorser.simulation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
