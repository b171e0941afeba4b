package weft.runtime.config;

/** {@code core.yaml} cannot be used; the message names the file, the setting and what is wrong with it. */
public class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
