package weft.runtime.endorser.chaincode;

/** No chaincode serves a package id; the message says why. */
public final class ChaincodeUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChaincodeUnavailableException(String message) {
        super(message);
    }
}
