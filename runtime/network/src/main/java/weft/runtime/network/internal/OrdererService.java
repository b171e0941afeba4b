package weft.runtime.network.internal;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import weft.runtime.channel.BroadcastException;
import weft.runtime.channel.ChannelException;
import weft.runtime.channel.ChannelGateway;

/**
 * The orderer's {@code orderer.AtomicBroadcast} service of this node, which orders its channels: Broadcast answers
 * each envelope with {@code SUCCESS} once ordering accepted it, or with the status and reason it was refused
 * (Fabric's broadcast codes), and keeps the stream open; Deliver serves the orderer's block store to members of
 * {@code /Channel/Readers}.
 */
final class OrdererService extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {

    static final String READERS = "/Channel/Readers";

    private final ChannelGateway gateway;
    private final Duration timeout;
    private final BlockDelivery delivery;
    private final int maxSendBytes;

    OrdererService(ChannelGateway gateway, Duration timeout, int maxSendBytes, boolean mutualTls) {
        this.gateway = gateway;
        this.timeout = timeout;
        this.maxSendBytes = maxSendBytes;
        this.delivery = new BlockDelivery(gateway, new BlockDelivery.Blocks() {
            @Override
            public long height(String channelId) {
                return gateway.orderedHeight(channelId);
            }

            @Override
            public Optional<Block> block(String channelId, long number) throws ChannelException {
                return gateway.orderedBlock(channelId, number);
            }
        }, READERS, mutualTls);
    }

    @Override
    public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(Envelope envelope) {
                BroadcastResponse response;
                try {
                    gateway.broadcast(envelope, timeout);
                    response = BroadcastResponse.newBuilder().setStatus(Status.SUCCESS).build();
                } catch (BroadcastException e) {
                    response = BroadcastResponse.newBuilder().setStatus(e.status()).setInfo(e.getMessage()).build();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    response = BroadcastResponse.newBuilder().setStatus(Status.SERVICE_UNAVAILABLE)
                            .setInfo("the node is stopping").build();
                }
                out.onNext(response);
            }

            @Override
            public void onError(Throwable t) {
                // the client went away
            }

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> out) {
        return new DeliverStream<>(delivery, out, (channel, block) -> {
            if (block.getSerializedSize() > maxSendBytes) {
                return false;
            }
            out.onNext(DeliverResponse.newBuilder().setBlock(block).build());
            return true;
        }, status -> DeliverResponse.newBuilder().setStatus(status).build());
    }
}
