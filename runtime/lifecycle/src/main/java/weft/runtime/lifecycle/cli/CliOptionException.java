package weft.runtime.lifecycle.cli;

/** A lifecycle command's options are wrong; the message names the option and what to do. */
public class CliOptionException extends Exception {

    private static final long serialVersionUID = 1L;

    public CliOptionException(String message) {
        super(message);
    }

    public CliOptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
