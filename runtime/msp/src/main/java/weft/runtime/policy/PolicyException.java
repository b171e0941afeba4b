package weft.runtime.policy;

/** A policy is malformed, references something that does not exist, or is not satisfied; the message says which. */
public class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
