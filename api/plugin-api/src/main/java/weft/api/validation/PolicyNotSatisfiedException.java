package weft.api.validation;

/** A policy was not satisfied by a signature set, or could not be evaluated because it is malformed. */
public class PolicyNotSatisfiedException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyNotSatisfiedException(String message) {
        super(message);
    }

    public PolicyNotSatisfiedException(String message, Throwable cause) {
        super(message, cause);
    }
}
