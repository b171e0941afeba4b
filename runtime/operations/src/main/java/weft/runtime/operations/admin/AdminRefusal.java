package weft.runtime.operations.admin;

/**
 * Why the peer refuses an admin request, with the HTTP status it answers: 400 for a request it cannot read,
 * 401 when the request is not authentic (signature, timestamp, replay, an identity the peer's MSP does not
 * accept), 403 when it is authentic but not from an admin of the peer's MSP, 404/409 when the command does not
 * fit the {@code deploy/} directory, 503 when the peer cannot serve admin requests yet.
 */
public final class AdminRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public AdminRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public AdminRefusal(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }
}
