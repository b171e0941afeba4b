package weft.runtime.network.internal;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import weft.runtime.channel.ChannelException;
import weft.runtime.channel.ChannelGateway;

/**
 * The peer's {@code protos.Deliver} service: committed blocks (with their validation flags) and filtered blocks
 * (transaction ids, validation codes, chaincode events without payloads), to members of the channel's
 * {@code /Channel/Application/Readers} (Fabric's {@code event/Block} and {@code event/FilteredBlock} ACLs).
 */
final class PeerDeliverService extends DeliverGrpc.DeliverImplBase {

    static final String READERS = "/Channel/Application/Readers";

    private final BlockDelivery delivery;
    private final int maxSendBytes;

    PeerDeliverService(ChannelGateway gateway, int maxSendBytes, boolean mutualTls) {
        this.delivery = new BlockDelivery(gateway, new BlockDelivery.Blocks() {
            @Override
            public long height(String channelId) {
                return gateway.height(channelId);
            }

            @Override
            public Optional<Block> block(String channelId, long number) throws ChannelException {
                return gateway.block(channelId, number);
            }
        }, READERS, mutualTls);
        this.maxSendBytes = maxSendBytes;
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

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> out) {
        return new DeliverStream<>(delivery, out, (channel, block) -> {
            out.onNext(DeliverResponse.newBuilder().setFilteredBlock(BlockContents.filtered(channel, block)).build());
            return true;
        }, status -> DeliverResponse.newBuilder().setStatus(status).build());
    }
}
