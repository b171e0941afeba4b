package weft.api.chaincode;

import com.google.protobuf.ByteString;

/**
 * Thrown by a chaincode to fail the proposal with a message for the client (and an optional payload, e.g. an
 * error code in JSON). The peer answers with status 500 and discards the proposal's writes.
 */
public class ChaincodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ByteString payload;

    public ChaincodeException(String message) {
        this(message, ByteString.EMPTY);
    }

    public ChaincodeException(String message, ByteString payload) {
        super(message);
        this.payload = payload == null ? ByteString.EMPTY : payload;
    }

    public ChaincodeException(String message, Throwable cause) {
        super(message, cause);
        this.payload = ByteString.EMPTY;
    }

    /** The payload for the client's response; empty unless given. */
    public ByteString payload() {
        return payload;
    }
}
