package weft.runtime.network.internal;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/**
 * One Deliver stream: each seek request the client sends is served in turn (its blocks, then its status); the
 * stream stays open for the next request until the client closes it, as Fabric's deliver handler does.
 */
final class DeliverStream<R> implements StreamObserver<Envelope> {

    private static final System.Logger LOG = System.getLogger(DeliverStream.class.getName());

    private final BlockDelivery delivery;
    private final ServerCallStreamObserver<R> out;
    private final BlockDelivery.Sender sender;
    private final Function<Status, R> statusResponse;

    DeliverStream(BlockDelivery delivery, StreamObserver<R> out, BlockDelivery.Sender sender,
                  Function<Status, R> statusResponse) {
        this.delivery = delivery;
        this.out = (ServerCallStreamObserver<R>) out;
        this.sender = sender;
        this.statusResponse = statusResponse;
    }

    @Override
    public void onNext(Envelope request) {
        try {
            Optional<Status> status = delivery.deliver(request, out, sender);
            if (status.isPresent() && !out.isCancelled()) {
                out.onNext(statusResponse.apply(status.get()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.onError(io.grpc.Status.CANCELLED.withDescription("the node is stopping").asRuntimeException());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deliver failed", e);
            if (!out.isCancelled()) {
                out.onNext(statusResponse.apply(Status.INTERNAL_SERVER_ERROR));
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        // The client cancelled or the connection broke: nothing left to answer.
    }

    @Override
    public void onCompleted() {
        if (!out.isCancelled()) {
            out.onCompleted();
        }
    }
}
