package weft.api.validation;

/**
 * The transaction is invalid for the namespace being validated; the committer marks it
 * {@code ENDORSEMENT_POLICY_FAILURE} and logs the message. Deterministic: every peer must reach it.
 */
public class InvalidTransactionException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTransactionException(String message) {
        super(message);
    }

    public InvalidTransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
