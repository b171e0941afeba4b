package weft.runtime.network;

/** The network services cannot start: an address that cannot be bound, TLS material that is missing or unreadable. */
public class NetworkException extends Exception {

    private static final long serialVersionUID = 1L;

    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
