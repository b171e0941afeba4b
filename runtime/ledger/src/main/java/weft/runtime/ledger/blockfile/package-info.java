/**
 * Fabric's block file format: records of {@code uvarint(length) || serialized block}, where the serialized
 * block is Fabric's own layout (header number, data hash, previous hash, envelopes, metadata), not the protobuf
 * {@code Block}. Reading it lets Weft open the block files a Fabric peer wrote.
 */
@Export
@Version("0.1.0")
package weft.runtime.ledger.blockfile;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
