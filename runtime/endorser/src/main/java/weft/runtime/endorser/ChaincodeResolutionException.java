package weft.runtime.endorser;

/** A chaincode cannot run on a channel: it is not defined, or no installed package is bound to its definition. */
public final class ChaincodeResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChaincodeResolutionException(String message) {
        super(message);
    }

    public ChaincodeResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
