package weft.runtime.endorser.chaincode;

/** A chaincode package was refused at install; the message names the reason (a bad label, a bundle that does not resolve, ...). */
public final class ChaincodeInstallException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChaincodeInstallException(String message) {
        super(message);
    }

    public ChaincodeInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
