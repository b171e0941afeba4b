package weft.runtime.channel;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import weft.api.ordering.BlockStream;
import weft.api.ordering.OrderingException;

/**
 * Where one channel's envelopes are ordered and its blocks come from: this node's own ordering
 * ({@link LocalOrdering}) or ordering nodes elsewhere ({@link RemoteOrdering}). The deliver loop and the submit
 * path do not care which.
 */
sealed interface ChannelOrdering extends AutoCloseable permits LocalOrdering, RemoteOrdering {

    /** Sends an envelope to ordering; completes when it is accepted (see {@link OrdererConnection#broadcast}). */
    CompletableFuture<Void> broadcast(ByteString envelope);

    /** The ordered blocks from {@code from} on. */
    BlockStream blocks(long from) throws OrderingException;

    @Override
    void close();
}
