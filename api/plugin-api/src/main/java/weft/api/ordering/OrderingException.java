package weft.api.ordering;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.hyperledger.fabric.protos.common.Status;

/**
 * Ordering refused or failed, with the status Fabric's broadcast service returns for it:
 * {@code BAD_REQUEST} for a malformed or oversized envelope, {@code FORBIDDEN} for one whose signer may not
 * write, {@code SERVICE_UNAVAILABLE} when the consenter cannot accept now (no leader, shutting down),
 * {@code INTERNAL_SERVER_ERROR} for a local failure such as a block that cannot be stored.
 */
public class OrderingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Status status;

    public OrderingException(Status status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
    }

    public OrderingException(Status status, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** Fabric's broadcast status for this failure. */
    public Status status() {
        return status;
    }

    /**
     * The broadcast status of a failed broadcast's cause, looking through {@link CompletionException} and
     * {@link ExecutionException}; {@code INTERNAL_SERVER_ERROR} when it is not an {@code OrderingException}.
     */
    public static Status statusOf(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof OrderingException e ? e.status() : Status.INTERNAL_SERVER_ERROR;
    }
}
