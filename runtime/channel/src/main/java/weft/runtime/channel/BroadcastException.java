package weft.runtime.channel;

import java.util.Objects;
import org.hyperledger.fabric.protos.common.Status;

/**
 * An envelope was not accepted for ordering, with the status Fabric's broadcast service answers:
 * {@code BAD_REQUEST} (malformed, too large, not a transaction this channel orders), {@code NOT_FOUND} (no such
 * channel), {@code FORBIDDEN} (its creator may not write to the channel, or its signature does not verify),
 * {@code SERVICE_UNAVAILABLE} (the channel is stopping or halted), {@code INTERNAL_SERVER_ERROR}.
 */
public class BroadcastException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Status status;

    public BroadcastException(Status status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
    }

    public BroadcastException(Status status, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
    }

    public Status status() {
        return status;
    }
}
