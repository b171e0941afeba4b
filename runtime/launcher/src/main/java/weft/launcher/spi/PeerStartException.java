package weft.launcher.spi;

/** The peer cannot start: its configuration is unreadable, malformed or invalid. The message says where. */
public class PeerStartException extends Exception {

    private static final long serialVersionUID = 1L;

    public PeerStartException(String message) {
        super(message);
    }

    public PeerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
