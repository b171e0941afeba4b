package weft.runtime.handlers;

/**
 * A configured handler cannot serve a request: it is not configured, nothing provides it, or its plugin failed
 * to initialise. The message names the handler and the cause. For the committer this is an execution
 * failure (the peer cannot decide), never a transaction verdict.
 */
public class HandlerUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public HandlerUnavailableException(String message) {
        super(message);
    }

    public HandlerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
