/** Commit: MVCC validation of a block's read sets in block order, and the state changes of its valid transactions. */
@Export
@Version("0.1.0")
package weft.runtime.ledger.commit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
