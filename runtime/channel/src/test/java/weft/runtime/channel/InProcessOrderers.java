package weft.runtime.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import weft.api.endorsement.SigningIdentity;
import weft.api.ordering.BlockStream;
import weft.api.ordering.OrderingException;

/**
 * Connects peer-only hosts to an ordering node in the same JVM, standing in for the network between them:
 * broadcast is the ordering node's {@link ChannelHost#order}, delivery its {@link ChannelHost#orderedBlocks}.
 * Records the endpoints each connection was given.
 */
final class InProcessOrderers implements OrdererConnector {

    private final ChannelHost orderingNode;
    final List<OrdererEndpoints> connected = new CopyOnWriteArrayList<>();

    InProcessOrderers(ChannelHost orderingNode) {
        this.orderingNode = orderingNode;
    }

    @Override
    public OrdererConnection connect(String channelId, OrdererEndpoints orderers, SigningIdentity peer) {
        connected.add(orderers);
        return new OrdererConnection() {
            @Override
            public CompletableFuture<Void> broadcast(ByteString envelope) {
                return CompletableFuture.runAsync(() -> {
                    try {
                        orderingNode.order(Envelope.parseFrom(envelope), Duration.ofSeconds(30));
                    } catch (BroadcastException e) {
                        throw new java.util.concurrent.CompletionException(
                                new OrderingException(e.status(), e.getMessage()));
                    } catch (InvalidProtocolBufferException | InterruptedException e) {
                        throw new java.util.concurrent.CompletionException(
                                new OrderingException(Status.BAD_REQUEST, e.getMessage()));
                    }
                });
            }

            @Override
            public BlockStream blocks(long from) throws OrderingException {
                try {
                    return orderingNode.orderedBlocks(channelId, from);
                } catch (ChannelException e) {
                    throw new OrderingException(Status.NOT_FOUND, e.getMessage());
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
