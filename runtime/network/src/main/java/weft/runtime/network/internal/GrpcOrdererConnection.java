package weft.runtime.network.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.SigningIdentity;
import weft.api.ordering.BlockStream;
import weft.api.ordering.OrderingException;
import weft.runtime.channel.OrdererConnection;

/**
 * One channel's link to a remote ordering service over Fabric's AtomicBroadcast: one Broadcast stream for the
 * envelopes (answers come back in order, one per envelope), and Deliver streams for the blocks, reopened from the
 * next block after a lost connection, with a growing pause, until the stream is closed.
 */
final class GrpcOrdererConnection implements OrdererConnection {

    private static final System.Logger LOG = System.getLogger(GrpcOrdererConnection.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String channelId;
    private final String address;
    private final ManagedChannel channel;
    private final SigningIdentity peer;
    private final ByteString tlsCertificateHash;
    private final SecureRandom random = new SecureRandom();
    private final Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();
    private StreamObserver<Envelope> broadcast;

    GrpcOrdererConnection(String channelId, String address, ManagedChannel channel, SigningIdentity peer,
                          ByteString tlsCertificateHash) {
        this.channelId = channelId;
        this.address = address;
        this.channel = channel;
        this.peer = peer;
        this.tlsCertificateHash = tlsCertificateHash;
    }

    @Override
    public synchronized CompletableFuture<Void> broadcast(ByteString envelope) {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        Envelope parsed;
        try {
            parsed = Envelope.parseFrom(envelope);
        } catch (InvalidProtocolBufferException e) {
            answer.completeExceptionally(new OrderingException(Status.BAD_REQUEST, "the envelope does not parse: "
                    + e.getMessage()));
            return answer;
        }
        if (broadcast == null) {
            broadcast = AtomicBroadcastGrpc.newStub(channel).broadcast(new BroadcastAnswers());
        }
        pending.add(answer);
        broadcast.onNext(parsed);
        return answer;
    }

    /** Matches the orderer's answers to the envelopes in the order they were sent. */
    private final class BroadcastAnswers implements StreamObserver<BroadcastResponse> {
        @Override
        public void onNext(BroadcastResponse response) {
            CompletableFuture<Void> answer;
            synchronized (GrpcOrdererConnection.this) {
                answer = pending.poll();
            }
            if (answer == null) {
                return;
            }
            if (response.getStatus() == Status.SUCCESS) {
                answer.complete(null);
            } else {
                answer.completeExceptionally(new OrderingException(response.getStatus(), "the orderer at " + address
                        + " refused the envelope: " + response.getInfo()));
            }
        }

        @Override
        public void onError(Throwable failure) {
            lost("the broadcast stream to " + address + " failed: " + failure.getMessage());
        }

        @Override
        public void onCompleted() {
            lost("the orderer at " + address + " closed the broadcast stream");
        }

        /** Fails every unanswered envelope; the next broadcast opens a new stream. */
        private void lost(String why) {
            Deque<CompletableFuture<Void>> unanswered;
            synchronized (GrpcOrdererConnection.this) {
                unanswered = new ArrayDeque<>(pending);
                pending.clear();
                broadcast = null;
            }
            unanswered.forEach(f -> f.completeExceptionally(new OrderingException(Status.SERVICE_UNAVAILABLE,
                    why + "; the envelope may or may not have been ordered")));
        }
    }

    @Override
    public BlockStream blocks(long from) {
        return new Blocks(from);
    }

    /** The channel's blocks from a number on, following new ones, across reconnections. */
    private final class Blocks implements BlockStream {
        private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
        private long next;
        private volatile boolean closed;
        private volatile ClientCallStreamObserver<Envelope> call;
        private Duration backoff = Duration.ofMillis(100);
        private long reconnectAt;
        /** Which deliver call an arrival belongs to: a lost call's late messages are not the current one's. */
        private int generation;

        Blocks(long from) {
            this.next = from;
            open();
        }

        private void open() {
            int current = ++generation;
            Envelope seek;
            try {
                seek = seekEnvelope(next);
            } catch (EndorsementException e) {
                arrivals.add(new OrderingException(Status.INTERNAL_SERVER_ERROR, "cannot sign the deliver request: "
                        + e.getMessage()));
                return;
            }
            AtomicBroadcastGrpc.newStub(channel).deliver(new ClientResponseObserver<Envelope, DeliverResponse>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<Envelope> requests) {
                    call = requests;
                }

                @Override
                public void onNext(DeliverResponse response) {
                    if (response.hasBlock()) {
                        arrivals.add(response.getBlock());
                    } else {
                        arrivals.add(new Ended(current, "the orderer at " + address + " ended delivery with "
                                + "status " + response.getStatus()));
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    arrivals.add(new Ended(current, "delivery from " + address + " failed: " + failure.getMessage()));
                }

                @Override
                public void onCompleted() {
                    arrivals.add(new Ended(current, "the orderer at " + address + " closed the deliver stream"));
                }
            });
            call.onNext(seek);
        }

        @Override
        public Optional<Block> next(Duration timeout) throws OrderingException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!closed) {
                if (call == null && System.nanoTime() >= reconnectAt) {
                    open();
                }
                long wait = Math.max(0, deadline - System.nanoTime());
                if (call == null) {
                    wait = Math.min(wait, Math.max(0, reconnectAt - System.nanoTime()));
                }
                Object arrival = arrivals.poll(wait, TimeUnit.NANOSECONDS);
                if (arrival instanceof Block block) {
                    long number = block.getHeader().getNumber();
                    if (number < next) {
                        continue; // sent again after a reconnection
                    }
                    if (number > next) {
                        throw new OrderingException(Status.INTERNAL_SERVER_ERROR, "the orderer at " + address
                                + " sent block " + number + " where block " + next + " was expected");
                    }
                    next++;
                    backoff = Duration.ofMillis(100);
                    return Optional.of(block);
                }
                if (arrival instanceof Ended ended) {
                    if (closed) {
                        break;
                    }
                    if (ended.generation() != generation || call == null) {
                        continue; // a call already given up
                    }
                    ClientCallStreamObserver<Envelope> lost = call;
                    lost.cancel("reconnecting", null);
                    LOG.log(System.Logger.Level.WARNING, "channel {0}: {1}; reconnecting from block {2} in {3} ms",
                            channelId, ended.why(), next, backoff.toMillis());
                    call = null;
                    reconnectAt = System.nanoTime() + backoff.toNanos();
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                    continue;
                }
                if (arrival instanceof OrderingException failure) {
                    throw failure;
                }
                if (System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
            }
            throw new OrderingException(Status.SERVICE_UNAVAILABLE, "the block stream of channel " + channelId
                    + " is closed");
        }

        @Override
        public void close() {
            closed = true;
            ClientCallStreamObserver<Envelope> current = call;
            if (current != null) {
                current.cancel("closed by the peer", null);
            }
            arrivals.add(new Ended(-1, "closed"));
        }
    }

    private record Ended(int generation, String why) {
    }

    /** A signed request for the blocks from {@code from} on, waiting for those not cut yet. */
    private Envelope seekEnvelope(long from) throws EndorsementException {
        Instant now = Instant.now();
        ChannelHeader header = ChannelHeader.newBuilder().setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                .setChannelId(channelId).setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond())
                        .setNanos(now.getNano())).setTlsCertHash(tlsCertificateHash).build();
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        SignatureHeader signature = SignatureHeader.newBuilder().setCreator(peer.serialize())
                .setNonce(ByteString.copyFrom(nonce)).build();
        SeekInfo seek = SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(from)))
                .setStop(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(-1L /* 2^64 - 1: Fabric's "for ever" */)))
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY).build();
        ByteString payload = Payload.newBuilder().setHeader(Header.newBuilder()
                .setChannelHeader(header.toByteString()).setSignatureHeader(signature.toByteString()))
                .setData(seek.toByteString()).build().toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(peer.sign(payload)).build();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (broadcast != null) {
                broadcast.onCompleted();
                broadcast = null;
            }
        }
        channel.shutdownNow();
    }
}
