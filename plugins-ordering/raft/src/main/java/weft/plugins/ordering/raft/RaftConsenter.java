package weft.plugins.ordering.raft;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.ExitUtils;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import weft.api.ordering.BlockStream;
import weft.api.ordering.ChainSupport;
import weft.api.ordering.Cluster;
import weft.api.ordering.ClusterMember;
import weft.api.ordering.Consenter;
import weft.api.ordering.ConsenterStorage;
import weft.api.ordering.OrderingException;

/**
 * One node of a channel's Raft ordering cluster on Apache Ratis. {@link #broadcast} submits the envelope to
 * the Raft log through a Ratis client (which finds the leader and retries after a failover) and completes
 * when the entry is committed by a majority and applied; {@link OrderingStateMachine} cuts blocks from the log.
 * The leader also watches BatchTimeout and proposes a CUT entry when the pending batch has waited long enough.
 */
final class RaftConsenter implements Consenter {

    private static final System.Logger LOG = System.getLogger(RaftConsenter.class.getName());

    static {
        // Ratis ends the JVM when its server cannot start (a Raft port already taken, say); inside a peer that
        // would stop every channel. Disabled, Ratis throws instead, and the consenter fails to start with a reason.
        ExitUtils.disableSystemExit();
    }
    private static final String BASE_HEIGHT_FILE = "weft-raft-base-height";

    private final ChainSupport support;
    private final RaftGroup group;
    private final OrderingStateMachine stateMachine;
    private final RaftServer server;
    private final RaftClient client;
    private final ScheduledExecutorService ticker;
    private final AtomicLong cutInFlight = new AtomicLong(-1);
    private static final int MAX_ENTRY_ENVELOPES = 500;
    private static final long MAX_ENTRY_BYTES = 4L * 1024 * 1024;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Bounds the entries in flight, so a burst queues here rather than in Ratis's client. */
    private final Semaphore outstanding = new Semaphore(64);
    private final Thread sender;
    private volatile boolean closed;

    RaftConsenter(ChainSupport support, Cluster cluster, ConsenterStorage storage, RaftSettings settings)
            throws IOException {
        this.support = support;
        this.group = RaftGroup.valueOf(groupId(support.channelId()),
                cluster.members().stream().map(RaftConsenter::peer).toList());
        Path directory = storage.directory();
        Files.createDirectories(directory);
        this.stateMachine = new OrderingStateMachine(support, baseHeight(directory, support));
        RaftProperties properties = properties(directory, cluster.selfMember(), settings);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        // Ratis and its shaded gRPC look classes and services up through the context class loader; inside
        // OSGi that must be this bundle's loader, which sees the embedded jars.
        current.setContextClassLoader(RaftConsenter.class.getClassLoader());
        try {
            boolean formatted = Files.isDirectory(directory.resolve(group.getGroupId().getUuid().toString()));
            this.server = RaftServer.newBuilder().setServerId(RaftPeerId.valueOf(cluster.self()))
                    .setGroup(group).setStateMachine(stateMachine).setProperties(properties)
                    .setOption(formatted ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                    .build();
            server.start();
            this.client = RaftClient.newBuilder().setProperties(properties).setRaftGroup(group)
                    .setClientId(ClientId.randomId())
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(100,
                            TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                    .build();
        } finally {
            current.setContextClassLoader(previous);
        }
        stateMachine.blockSource(this::fetch);
        Duration timeout = support.batchConfig().batchTimeout();
        long tick = Math.max(5, timeout.toMillis() / 5);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raft-batch-timer-" + support.channelId());
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::checkBatchTimeout, tick, tick, TimeUnit.MILLISECONDS);
        this.sender = new Thread(this::sendLoop, "raft-broadcast-" + support.channelId());
        sender.setDaemon(true);
        sender.start();
    }

    /** One Raft group per channel, named the same on every node. */
    static RaftGroupId groupId(String channelId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("weft-ordering/" + channelId).getBytes(StandardCharsets.UTF_8)));
    }

    private static RaftPeer peer(ClusterMember member) {
        return RaftPeer.newBuilder().setId(member.id()).setAddress(member.address()).build();
    }

    /**
     * The store's height when this node's Raft chain began, kept beside the Raft log: replaying the log from its
     * start must number blocks from there, however many blocks the store holds by now.
     */
    private static long baseHeight(Path directory, ChainSupport support) throws IOException {
        Path file = directory.resolve(BASE_HEIGHT_FILE);
        if (Files.exists(file)) {
            return Long.parseLong(Files.readString(file).trim());
        }
        long height = support.height();
        Files.writeString(file, Long.toString(height));
        return height;
    }

    private static RaftProperties properties(Path directory, ClusterMember self, RaftSettings settings) {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(directory.toFile()));
        GrpcConfigKeys.Server.setHost(properties, self.host());
        GrpcConfigKeys.Server.setPort(properties, self.port());
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, duration(settings.electionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, duration(settings.electionTimeoutMax()));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, settings.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        // Purge as soon as a snapshot covers a threshold's worth of entries; the default gap (1024) would keep
        // small logs whole.
        RaftServerConfigKeys.Log.setPurgeGap(properties, (int) Math.min(Integer.MAX_VALUE, settings.snapshotThreshold()));
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(settings.logSegmentBytes()));
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, duration(settings.requestTimeout()));
        return properties;
    }

    private static TimeDuration duration(Duration duration) {
        return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Void> broadcast(ByteString envelope) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        if (closed) {
            ack.completeExceptionally(unavailable("this ordering node is stopped"));
            return ack;
        }
        queue.add(new Pending(envelope, ack));
        if (closed && queue.remove(new Pending(envelope, ack))) {
            ack.completeExceptionally(unavailable("this ordering node is stopped"));
        }
        return ack;
    }

    /** An envelope waiting to be sent to the Raft log, and its acknowledgement. */
    private record Pending(ByteString envelope, CompletableFuture<Void> ack) {
    }

    /**
     * Sends what has queued up as one ENVELOPES entry per round: under load, one Raft round trip and one log
     * write carry many envelopes, while a lone envelope still goes at once.
     */
    private void sendLoop() {
        List<Pending> batch = new ArrayList<>(MAX_ENTRY_ENVELOPES);
        while (!closed) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long bytes = first.envelope().size();
                for (Pending next = queue.peek(); next != null && batch.size() < MAX_ENTRY_ENVELOPES
                        && bytes + next.envelope().size() <= MAX_ENTRY_BYTES; next = queue.peek()) {
                    batch.add(queue.poll());
                    bytes += next.envelope().size();
                }
                outstanding.acquire();
                List<Pending> sent = List.copyOf(batch);
                batch.clear();
                client.async().send(Entries.envelopes(sent.stream().map(Pending::envelope).toList()))
                        .whenComplete((reply, failure) -> {
                            outstanding.release();
                            OrderingException problem = failure != null
                                    ? unavailable("the envelope was not committed to the Raft log: " + rootMessage(failure))
                                    : reply.isSuccess() ? null
                                    : unavailable("the Raft cluster refused the envelope: " + replyProblem(reply));
                            for (Pending pending : sent) {
                                if (problem == null) {
                                    pending.ack().complete(null);
                                } else {
                                    pending.ack().completeExceptionally(problem);
                                }
                            }
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                OrderingException problem = unavailable("sending to the Raft log failed: " + e.getMessage());
                batch.forEach(p -> p.ack().completeExceptionally(problem));
                batch.clear();
            }
        }
        OrderingException stopped = unavailable("this ordering node is stopped");
        batch.forEach(p -> p.ack().completeExceptionally(stopped));
        for (Pending pending = queue.poll(); pending != null; pending = queue.poll()) {
            pending.ack().completeExceptionally(stopped);
        }
    }

    /** On the leader: proposes a CUT when the pending batch has waited BatchTimeout. */
    private void checkBatchTimeout() {
        try {
            if (closed || !isLeader()) {
                return;
            }
            long[] pending = stateMachine.pending();
            long next = pending[0];
            long since = pending[1];
            long timeout = support.batchConfig().batchTimeout().toNanos();
            if (since == 0 || System.nanoTime() - since < timeout || !cutInFlight.compareAndSet(-1, next)) {
                return;
            }
            client.async().send(Entries.cut(next)).whenComplete((reply, failure) -> cutInFlight.set(-1));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, support.channelId() + ": batch timeout check failed: " + e);
        }
    }

    /** Whether this node currently leads the channel's Raft group. */
    boolean isLeader() {
        try {
            return server.getDivision(group.getGroupId()).getInfo().isLeader();
        } catch (IOException e) {
            return false;
        }
    }

    /** This node's Raft log: the first index it still holds (the rest was purged after a snapshot). */
    long logStartIndex() throws IOException {
        return server.getDivision(group.getGroupId()).getRaftLog().getStartIndex();
    }

    private Optional<Block> fetch(long number) throws IOException {
        RaftClientReply reply = client.io().sendReadOnly(Entries.queryBlock(number));
        if (!reply.isSuccess()) {
            throw new IOException("fetching block " + number + " failed: " + replyProblem(reply));
        }
        var content = reply.getMessage().getContent();
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Block.parseFrom(content.toByteArray()));
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("block " + number + " from the cluster does not parse: " + e.getMessage(), e);
        }
    }

    @Override
    public BlockStream deliver(long fromNumber) {
        return support.blocks(fromNumber);
    }

    @Override
    public long height() {
        return support.height();
    }

    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        sender.interrupt();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, support.channelId() + ": closing the Raft client failed: " + e);
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, support.channelId() + ": closing the Raft server failed: " + e);
        }
    }

    private OrderingException unavailable(String message) {
        return new OrderingException(Status.SERVICE_UNAVAILABLE, "channel " + support.channelId() + ": " + message);
    }

    private static String replyProblem(RaftClientReply reply) {
        return reply.getException() == null ? "no reason given" : reply.getException().getMessage();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
