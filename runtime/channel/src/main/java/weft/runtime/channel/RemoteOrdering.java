package weft.runtime.channel;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import weft.api.ordering.BlockStream;
import weft.api.ordering.OrderingException;

/** A channel ordered elsewhere: envelopes and blocks go through an {@link OrdererConnection}. */
record RemoteOrdering(OrdererConnection connection) implements ChannelOrdering {

    @Override
    public CompletableFuture<Void> broadcast(ByteString envelope) {
        return connection.broadcast(envelope);
    }

    @Override
    public BlockStream blocks(long from) throws OrderingException {
        return connection.blocks(from);
    }

    @Override
    public void close() {
        connection.close();
    }
}
