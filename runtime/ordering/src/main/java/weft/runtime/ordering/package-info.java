/**
 * The peer's side of ordering: {@link weft.runtime.ordering.FileChainSupport}, the orderer block store a
 * consenter writes its blocks through, numbered, hash-chained, signed and forced to disk in Fabric's block
 * file format.
 */
@Export
@Version("0.1.0")
package weft.runtime.ordering;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
