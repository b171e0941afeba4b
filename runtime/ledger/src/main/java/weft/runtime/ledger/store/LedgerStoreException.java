package weft.runtime.ledger.store;

/** The ledger's LevelDB could not be opened, read or written; the message names the directory. */
public class LedgerStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public LedgerStoreException(String message) {
        super(message);
    }

    public LedgerStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
