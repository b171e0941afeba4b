/**
 * A channel's ledger: Fabric-layout block files as the source of truth, and a LevelDB holding world state,
 * block and transaction indexes and key history, all derived from the blocks and rebuilt from them after a crash.
 */
@Export
@Version("0.1.0")
package weft.runtime.ledger;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
