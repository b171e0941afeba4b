package weft.runtime.lifecycle.state;

/** Lifecycle state could not be read or written, or does not hold what its metadata says. */
public class StateException extends Exception {

    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
