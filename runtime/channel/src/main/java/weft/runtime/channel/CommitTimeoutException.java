package weft.runtime.channel;

/** A transaction was ordered but its block was not committed in time (or the channel stopped meanwhile). */
public class CommitTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    public CommitTimeoutException(String message) {
        super(message);
    }
}
