/**
 * For chaincode authors' unit tests: an in-memory world state with Fabric's simulation rules
 * ({@link weft.chaincode.testing.InMemoryLedger}, {@link weft.chaincode.testing.InMemoryStub}), test identities
 * ({@link weft.chaincode.testing.TestIdentity}), a contract {@code Context}
 * ({@link weft.chaincode.testing.TestContext}), and a way to call a contract by function name and string arguments
 * as the peer does ({@link weft.chaincode.testing.ContractInvoker},
 * {@link weft.chaincode.testing.ChaincodeTester}).
 * <pre>{@code
 * ChaincodeTester tester = ChaincodeTester.forContracts(new AssetTransfer());
 * Response created = tester.submit("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");
 * Response read = tester.evaluate("ReadAsset", "asset1");
 * }</pre>
 *
 * <p>These are test doubles: they run in the test's JVM without a peer, a block or an endorsement policy. What
 * they do not model is listed on each class.
 */
@Export
@Version("1.0.0")
package weft.chaincode.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
