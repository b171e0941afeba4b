package weft.runtime.ledger;

/** The ledger refused an operation or could not perform it; the message names the block, file or key involved. */
public class LedgerException extends Exception {

    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
