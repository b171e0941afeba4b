package weft.api.identity;

/** An identity could not be deserialized, is not valid, does not satisfy a principal, or a signature failed. */
public class IdentityException extends Exception {

    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
