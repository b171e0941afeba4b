/**
 * World state: namespaced keys with values, versions (the height of the transaction that last wrote them) and
 * metadata; range scans in key order; Fabric's composite keys.
 */
@Export
@Version("0.1.0")
package weft.runtime.ledger.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
