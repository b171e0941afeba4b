package weft.api.ordering;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;

/**
 * Orders one channel's envelopes into blocks. Thread-safe: the peer calls {@link #broadcast} from many client
 * connections at once.
 * <pre>{@code
 * consenter.broadcast(envelope).whenComplete((ok, failure) -> {
 *     Status status = failure == null ? Status.SUCCESS : OrderingException.statusOf(failure);
 *     respond(status);
 * });
 * }</pre>
 */
public interface Consenter extends AutoCloseable {

    /**
     * Submits a marshalled {@code common.Envelope} for ordering. The future completes normally only once the
     * envelope is durably accepted — it will appear in exactly one block, even if this node crashes now (solo:
     * the block holding it is on disk; Raft: it is committed to a majority of the cluster's logs). It fails
     * with an {@link OrderingException} carrying Fabric's broadcast status otherwise.
     */
    CompletableFuture<Void> broadcast(ByteString envelope);

    /** The ordered blocks of the channel from block {@code fromNumber} on, waiting for blocks not yet cut. */
    BlockStream deliver(long fromNumber);

    /** The number of blocks this node holds (the next block's number). */
    long height();

    /** Stops ordering on this node; pending broadcasts fail with {@code SERVICE_UNAVAILABLE}. */
    @Override
    void close();
}
