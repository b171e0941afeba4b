package weft.api.chaincode;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A chaincode in its plain form: one entry point that reads the function name and arguments from the stub.
 * Publish it as an OSGi service from the chaincode bundle; the peer calls it from many threads at once, so keep
 * no per-transaction state in fields.
 * <pre>{@code
 * @Component(service = Chaincode.class)
 * public final class Counter implements Chaincode {
 *     public Response invoke(ChaincodeStub stub) {
 *         return switch (stub.function()) {
 *             case "increment" -> { ...; yield Response.success(); }
 *             default -> Response.error("unknown function " + stub.function());
 *         };
 *     }
 * }
 * }</pre>
 * For typed functions with JSON arguments and results, write a contract instead
 * ({@link weft.api.chaincode.contract.ContractInterface}).
 */
@ConsumerType
public interface Chaincode {

    /**
     * Runs when a proposal has the init flag set (a definition committed with {@code --init-required} must be
     * initialised once before any other invocation). By default the same as {@link #invoke}.
     */
    default Response init(ChaincodeStub stub) {
        return invoke(stub);
    }

    /**
     * Runs one proposal. A response with status 500 or above, or an unchecked exception, fails the proposal: its
     * writes are discarded and the client receives the message.
     */
    Response invoke(ChaincodeStub stub);
}
