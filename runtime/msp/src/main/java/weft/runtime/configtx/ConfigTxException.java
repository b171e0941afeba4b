package weft.runtime.configtx;

/** A channel config lacks a value, or holds one that does not parse; the message names it. */
public class ConfigTxException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigTxException(String message) {
        super(message);
    }

    public ConfigTxException(String message, Throwable cause) {
        super(message, cause);
    }
}
