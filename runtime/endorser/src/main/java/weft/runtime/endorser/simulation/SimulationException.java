package weft.runtime.endorser.simulation;

/**
 * A simulation step failed: the ledger could not be read, or the chaincode asked for something the transaction
 * does not allow (a write after a paginated query, a read after {@link TxSimulator#done()}). The proposal then
 * fails with this message; nothing reaches the ledger.
 */
public final class SimulationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
