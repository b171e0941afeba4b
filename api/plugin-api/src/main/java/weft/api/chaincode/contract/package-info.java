/**
 * Contract-style chaincode: annotated transaction functions with typed arguments and JSON results, in the manner
 * of Fabric's Java contract API.
 * <pre>{@code
 * @Contract(name = "basic")
 * @Component(service = ContractInterface.class)
 * public final class AssetTransfer implements ContractInterface {
 *     @Transaction(intent = Transaction.Intent.EVALUATE)
 *     public Asset ReadAsset(Context ctx, String id) { ... }
 *
 *     @Transaction
 *     public Asset CreateAsset(Context ctx, String id, String color, int size, String owner, int value) { ... }
 * }
 * }</pre>
 *
 * <p>How the peer calls a contract:
 * <ul>
 * <li>the proposal's function is {@code name} of a {@link weft.api.chaincode.contract.Transaction} method, or
 *     {@code contract:name} to pick a contract when a bundle publishes several (the unprefixed form runs the
 *     first contract in name order, or the one whose {@link weft.api.chaincode.contract.Contract#isDefault} is
 *     set);</li>
 * <li>the first parameter of every transaction method is a {@link weft.api.chaincode.contract.Context}; each
 *     further parameter takes one argument: {@code String} as is, primitives and their boxes parsed from their
 *     decimal/{@code true}/{@code false} text, anything else (records, lists, maps) from JSON;</li>
 * <li>the result becomes the response payload: a {@code String} as UTF-8, {@code void} as empty, anything else
 *     as JSON;</li>
 * <li>an unknown function, a wrong argument count or an argument that does not parse fails the proposal with
 *     status 500 and a message naming the function and the argument; so does a
 *     {@link weft.api.chaincode.ChaincodeException} or any other exception the method throws.</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package weft.api.chaincode.contract;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
