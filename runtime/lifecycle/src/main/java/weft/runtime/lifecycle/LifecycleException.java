package weft.runtime.lifecycle;

/**
 * A lifecycle function refused its input or could not complete; the message is for the client. {@link #NOT_FOUND}
 * marks the errors Fabric answers with status 404 (an undefined chaincode), all others become status 500.
 */
final class LifecycleException extends Exception {

    private static final long serialVersionUID = 1L;

    static final int NOT_FOUND = 404;
    static final int ERROR = 500;

    private final int status;

    LifecycleException(String message) {
        this(ERROR, message, null);
    }

    LifecycleException(String message, Throwable cause) {
        this(ERROR, message, cause);
    }

    LifecycleException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }
}
