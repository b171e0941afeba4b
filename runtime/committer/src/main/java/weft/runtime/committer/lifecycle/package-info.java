/** Chaincode definitions as Fabric v2's lifecycle stores them in the {@code _lifecycle} namespace. */
@Export
@Version("0.1.0")
package weft.runtime.committer.lifecycle;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
