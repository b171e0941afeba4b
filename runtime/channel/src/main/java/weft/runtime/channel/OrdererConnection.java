package weft.runtime.channel;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import weft.api.ordering.BlockStream;
import weft.api.ordering.OrderingException;

/** One channel's link to ordering nodes elsewhere: broadcast envelopes, deliver the ordered blocks. */
public interface OrdererConnection extends AutoCloseable {

    /**
     * Sends an envelope to ordering. The future completes when ordering accepted it, or exceptionally with an
     * {@link OrderingException} carrying Fabric's status when it was refused or could not be sent.
     */
    CompletableFuture<Void> broadcast(ByteString envelope);

    /**
     * The channel's blocks from {@code from} on, following new ones as they are cut. The peer verifies each
     * block's orderer signatures when it commits, so the stream need not be trusted.
     */
    BlockStream blocks(long from) throws OrderingException;

    @Override
    void close();
}
