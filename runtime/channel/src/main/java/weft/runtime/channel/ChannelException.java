package weft.runtime.channel;

/** A channel cannot be created, joined or opened; the message names the channel and the cause. */
public class ChannelException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChannelException(String message) {
        super(message);
    }

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
