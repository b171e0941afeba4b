package weft.api.endorsement;

/** Endorsement failed or was refused; the message reaches the client in the proposal response. */
public class EndorsementException extends Exception {

    private static final long serialVersionUID = 1L;

    public EndorsementException(String message) {
        super(message);
    }

    public EndorsementException(String message, Throwable cause) {
        super(message, cause);
    }
}
