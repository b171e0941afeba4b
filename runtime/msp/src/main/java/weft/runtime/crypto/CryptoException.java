package weft.runtime.crypto;

/** Key or signature material is malformed or unsupported; the message says which and why. */
public class CryptoException extends Exception {

    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
