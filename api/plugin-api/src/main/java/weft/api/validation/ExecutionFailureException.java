package weft.api.validation;

/**
 * The plugin could not decide, for a reason local to this peer (state unreadable, a dependency failing, time
 * budget exceeded). It is never a verdict: the committer stops processing the block, marks no transaction
 * invalid and retries or halts as configured, so that peers cannot diverge.
 */
public class ExecutionFailureException extends Exception {

    private static final long serialVersionUID = 1L;

    public ExecutionFailureException(String message) {
        super(message);
    }

    public ExecutionFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
