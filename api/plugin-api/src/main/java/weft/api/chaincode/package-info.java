/**
 * The chaincode API: what a chaincode bundle implements ({@link weft.api.chaincode.Chaincode}) and what it
 * calls while the peer simulates a proposal ({@link weft.api.chaincode.ChaincodeStub}). Every read and write goes
 * through the stub, which records them in the transaction's read-write set; nothing reaches world state until
 * the transaction is ordered, validated and committed.
 *
 * <p>A chaincode is an OSGi bundle that publishes a {@link weft.api.chaincode.Chaincode} service, or one or more
 * contract services (see {@link weft.api.chaincode.contract}). The peer binds the bundle to a chaincode name
 * through the lifecycle: the installed bundle's package id is approved and committed as the chaincode's
 * definition.
 *
 * <p>Types a chaincode implements ({@link weft.api.chaincode.Chaincode}) change only in a major version; types
 * the peer implements ({@link weft.api.chaincode.ChaincodeStub}, {@link weft.api.chaincode.QueryResults}) may
 * grow in a minor one.
 */
@Export
@Version("1.0.0")
package weft.api.chaincode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
