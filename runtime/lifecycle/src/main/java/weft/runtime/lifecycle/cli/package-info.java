/**
 * The peer CLI's side of the lifecycle: Fabric's {@code peer lifecycle chaincode} options (with the legacy
 * {@code --escc}/{@code --vscc} spellings) and collection-config JSON turned into the lifecycle's argument messages,
 * exactly as Fabric's CLI builds them.
 */
@Export
@Version("0.2.0")
package weft.runtime.lifecycle.cli;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
