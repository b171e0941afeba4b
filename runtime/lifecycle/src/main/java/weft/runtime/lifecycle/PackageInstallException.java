package weft.runtime.lifecycle;

/** A chaincode package was refused at install; the message says why. */
public class PackageInstallException extends Exception {

    private static final long serialVersionUID = 1L;

    public PackageInstallException(String message) {
        super(message);
    }

    public PackageInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
