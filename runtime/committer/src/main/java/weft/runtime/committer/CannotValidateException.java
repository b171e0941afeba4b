package weft.runtime.committer;

/**
 * The block cannot be validated on this peer right now — a plugin reported an execution failure, ran past its
 * time budget or is not available, or state could not be read. Never a verdict: nothing is marked invalid and
 * the block is not committed.
 */
public class CannotValidateException extends Exception {

    private static final long serialVersionUID = 1L;

    public CannotValidateException(String message, Throwable cause) {
        super(message, cause);
    }
}
