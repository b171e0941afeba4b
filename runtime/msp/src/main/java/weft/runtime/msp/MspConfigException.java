package weft.runtime.msp;

/** An MSP definition (folder or channel config) cannot be used; the message names the MSP and the problem. */
public class MspConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public MspConfigException(String message) {
        super(message);
    }

    public MspConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
