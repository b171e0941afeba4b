package weft.runtime.network.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import weft.api.identity.SignedData;
import weft.runtime.channel.ChannelException;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.policy.PolicyException;

/**
 * Fabric's deliver handling of one seek request, shared by the peer's and the orderer's Deliver services: the
 * envelope's channel header carries a timestamp within {@value #TIME_WINDOW_MINUTES} minutes of the node's clock
 * and, under mutual TLS, the hash of the client's TLS certificate ({@code BAD_REQUEST} otherwise, as Fabric's
 * binding check); it names a channel ({@code NOT_FOUND} when not joined), is signed by an identity satisfying the
 * channel's readers policy ({@code FORBIDDEN}), and carries a {@code SeekInfo} (start oldest/newest/specified/next commit,
 * stop, BLOCK_UNTIL_READY or FAIL_IF_NOT_READY; {@code BAD_REQUEST} when it cannot be served). Blocks from start to
 * stop are sent in order, then the status {@code SUCCESS}.
 */
final class BlockDelivery {

    /** Where the blocks come from: the peer's ledger or the orderer's block store. */
    interface Blocks {
        long height(String channelId);

        Optional<Block> block(String channelId, long number) throws ChannelException;
    }

    /** Sends one block in the service's response form; returns false when the block is too large to send. */
    @FunctionalInterface
    interface Sender {
        boolean send(String channelId, Block block);
    }

    /** Fabric's {@code peer.authentication.timewindow} default. */
    static final int TIME_WINDOW_MINUTES = 15;

    private final ChannelGateway gateway;
    private final Blocks blocks;
    private final String readersPolicy;
    private final boolean mutualTls;

    BlockDelivery(ChannelGateway gateway, Blocks blocks, String readersPolicy, boolean mutualTls) {
        this.gateway = gateway;
        this.blocks = blocks;
        this.readersPolicy = readersPolicy;
        this.mutualTls = mutualTls;
    }

    /** Fabric's mutual-TLS binding: the request names the hash of the TLS certificate its connection presented. */
    private static boolean boundToConnection(byte[] claimed) {
        return claimed.length > 0 && ClientCertificates.current().map(actual -> Arrays.equals(actual, claimed))
                .orElse(false);
    }

    /** Serves one request; returns the final status, or empty when the client went away meanwhile. */
    Optional<Status> deliver(Envelope request, ServerCallStreamObserver<?> call, Sender sender)
            throws InterruptedException {
        Payload payload;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        SeekInfo seek;
        try {
            payload = Payload.parseFrom(request.getPayload());
            if (!payload.hasHeader()) {
                return Optional.of(Status.BAD_REQUEST);
            }
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            return Optional.of(Status.BAD_REQUEST);
        }
        if (!channelHeader.hasTimestamp() || Math.abs(System.currentTimeMillis() - channelHeader.getTimestamp()
                .getSeconds() * 1000L) > TIME_WINDOW_MINUTES * 60_000L) {
            return Optional.of(Status.BAD_REQUEST);
        }
        if (mutualTls && !boundToConnection(channelHeader.getTlsCertHash().toByteArray())) {
            return Optional.of(Status.BAD_REQUEST);
        }
        String channelId = channelHeader.getChannelId();
        if (!gateway.channels().contains(channelId)) {
            return Optional.of(Status.NOT_FOUND);
        }
        try {
            gateway.checkPolicy(channelId, readersPolicy, List.of(new SignedData(request.getPayload(),
                    signatureHeader.getCreator(), request.getSignature())));
        } catch (PolicyException e) {
            return Optional.of(Status.FORBIDDEN);
        } catch (ChannelException e) {
            return Optional.of(Status.NOT_FOUND);
        }
        try {
            seek = SeekInfo.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            return Optional.of(Status.BAD_REQUEST);
        }
        long height = blocks.height(channelId);
        long start;
        switch (seek.getStart().getTypeCase()) {
            case OLDEST -> start = 0;
            case NEWEST -> start = Math.max(0, height - 1);
            case SPECIFIED -> start = seek.getStart().getSpecified().getNumber();
            case NEXT_COMMIT -> start = height;
            default -> {
                return Optional.of(Status.BAD_REQUEST);
            }
        }
        long stop;
        switch (seek.getStop().getTypeCase()) {
            case OLDEST -> stop = 0;
            case NEWEST -> stop = seek.getStart().getTypeCase() == SeekPosition.TypeCase.NEWEST ? start : height - 1;
            case SPECIFIED -> stop = seek.getStop().getSpecified().getNumber();
            case NEXT_COMMIT -> stop = height;
            default -> {
                return Optional.of(Status.BAD_REQUEST);
            }
        }
        // Fabric reads the numbers as unsigned: a stop of 2^64-1 (math.MaxUint64) means "for ever".
        if (stop < 0) {
            stop = Long.MAX_VALUE;
        }
        if (start < 0 || stop < start) {
            return Optional.of(Status.BAD_REQUEST);
        }
        boolean failIfNotReady = seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;
        for (long number = start; number <= stop; number++) {
            long wanted = number;
            if (blocks.height(channelId) <= wanted) {
                if (failIfNotReady) {
                    return Optional.of(Status.NOT_FOUND);
                }
                if (!Waiting.until(() -> blocks.height(channelId) > wanted, call::isCancelled, Long.MAX_VALUE)) {
                    return Optional.empty();
                }
            }
            Optional<Block> block;
            try {
                block = blocks.block(channelId, wanted);
            } catch (ChannelException e) {
                return Optional.of(Status.SERVICE_UNAVAILABLE);
            }
            if (block.isEmpty()) {
                return Optional.of(Status.NOT_FOUND);
            }
            if (call.isCancelled()) {
                return Optional.empty();
            }
            if (!sender.send(channelId, block.get())) {
                return Optional.of(Status.REQUEST_ENTITY_TOO_LARGE);
            }
            if (number == Long.MAX_VALUE) {
                break;
            }
        }
        return Optional.of(Status.SUCCESS);
    }
}
