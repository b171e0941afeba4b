/**
 * The channel ledger's LevelDB (leveldbjni): one store per channel holding state, indexes, history and the
 * checkpoint under distinct key prefixes, written in atomic batches.
 */
@Export
@Version("0.1.0")
package weft.runtime.ledger.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
