package weft.plugins.ordering.raft;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.hyperledger.fabric.protos.common.Block;
import weft.api.ordering.BlockCutter;
import weft.api.ordering.ChainSupport;
import weft.api.ordering.OrderingException;

/**
 * Turns the committed Raft log into blocks, identically on every node: each ENVELOPE entry goes through the
 * block cutter, each CUT entry cuts on timeout, and every cut batch becomes the next block, written through
 * this node's {@link ChainSupport} (so each node signs its own copy; headers and hash chain are identical).
 *
 * <p>After a restart Ratis replays the log from the last snapshot; blocks the store already holds are checked
 * against the replay and not written again. A follower that installs a leader's snapshot fetches the blocks it
 * lacks from the cluster before it goes on.
 */
final class OrderingStateMachine extends BaseStateMachine {

    private static final System.Logger LOG = System.getLogger(OrderingStateMachine.class.getName());

    /** Fetches a block this node lacks from the cluster. */
    interface BlockSource {
        Optional<Block> fetch(long number) throws IOException;
    }

    private final ChainSupport support;
    private final long baseHeight;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private volatile BlockSource source;
    private OrderingState state;
    /** Local time at which the pending batch got its first envelope; 0 when nothing is pending. Not replicated. */
    private long pendingSinceNanos;

    /**
     * @param baseHeight the store's height when this Raft chain began (blocks before it were ordered otherwise)
     */
    OrderingStateMachine(ChainSupport support, long baseHeight) {
        this.support = support;
        this.baseHeight = baseHeight;
    }

    void blockSource(BlockSource source) {
        this.source = source;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            restore(storage.getLatestSnapshot());
        });
    }

    @Override
    public void pause() {
        // Ratis pauses the state machine while it installs a leader's snapshot, and reloads only a paused one.
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    @Override
    public void reinitialize() throws IOException {
        // A snapshot from the leader was installed: take its state, then fetch the blocks it covers.
        restore(storage.loadLatestSnapshot());
        catchUp();
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    private synchronized void restore(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            state = new OrderingState(support.batchConfig().batchSize(), baseHeight);
            return;
        }
        try (InputStream in = Files.newInputStream(snapshot.getFile().getPath())) {
            state = OrderingState.read(in, support.batchConfig().batchSize());
        }
        pendingSinceNanos = state.cutter().pending().isEmpty() ? 0 : System.nanoTime();
        setLastAppliedTermIndex(snapshot.getTermIndex());
        LOG.log(System.Logger.Level.INFO, support.channelId() + ": ordering state restored from the snapshot at "
                + snapshot.getTermIndex() + " (next block " + state.nextNumber() + ")");
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public SingleFileSnapshotInfo getLatestSnapshot() {
        return storage.getLatestSnapshot();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        var data = entry.getStateMachineLogEntry().getLogData();
        try {
            synchronized (this) {
                switch (Entries.type(data)) {
                    case Entries.ENVELOPE -> applyEnvelope(Entries.envelopeOf(data), entry.getIndex());
                    case Entries.ENVELOPES -> {
                        for (ByteString envelope : Entries.envelopesOf(data)) {
                            applyEnvelope(envelope, entry.getIndex());
                        }
                    }
                    case Entries.CUT -> applyCut(Entries.numberOf(data), entry.getIndex());
                    default -> LOG.log(System.Logger.Level.WARNING, support.channelId() + ": ignoring log entry "
                            + entry.getIndex() + " of unknown type " + Entries.type(data));
                }
                updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            }
            return CompletableFuture.completedFuture(Message.EMPTY);
        } catch (OrderingException | IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, support.channelId() + ": cannot apply log entry " + entry.getIndex()
                    + ": " + e.getMessage(), e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private void applyEnvelope(ByteString envelope, long index) throws OrderingException, IOException {
        if (!state.firstTime(envelope)) {
            return;
        }
        BlockCutter cutter = state.cutter();
        if (support.isConfig(envelope)) {
            List<ByteString> pending = cutter.cut();
            if (!pending.isEmpty()) {
                emit(pending, false, index);
            }
            emit(List.of(envelope), true, index);
            pendingSinceNanos = 0;
            return;
        }
        BlockCutter.Result result = cutter.ordered(envelope);
        for (List<ByteString> batch : result.batches()) {
            emit(batch, false, index);
        }
        if (!result.pending()) {
            pendingSinceNanos = 0;
        } else if (pendingSinceNanos == 0 || !result.batches().isEmpty()) {
            pendingSinceNanos = System.nanoTime();
        }
    }

    private void applyCut(long number, long index) throws OrderingException, IOException {
        if (number != state.nextNumber()) {
            return; // stale: that block was already cut by count or size
        }
        List<ByteString> batch = state.cutter().cut();
        if (!batch.isEmpty()) {
            emit(batch, false, index);
        }
        pendingSinceNanos = 0;
    }

    /** Makes the next block from a batch, unless the store already holds it (replay after a restart). */
    private void emit(List<ByteString> batch, boolean config, long index) throws OrderingException, IOException {
        long number = state.takeNumber();
        long height = support.height();
        if (number > height) {
            catchUpTo(number);
            height = support.height();
        }
        if (number < height) {
            Block stored = support.block(number).orElseThrow();
            if (!stored.getHeader().getDataHash().equals(dataHash(batch))) {
                throw new OrderingException(org.hyperledger.fabric.protos.common.Status.INTERNAL_SERVER_ERROR,
                        support.channelId() + ": replaying the Raft log gives block " + number
                                + " other envelopes than the stored block; this node's store has diverged");
            }
            return;
        }
        ByteString metadata = ByteString.copyFrom(ByteBuffer.allocate(8).putLong(index).array());
        if (config) {
            support.writeConfigBlock(batch.get(0), metadata);
        } else {
            support.writeBlock(batch, metadata);
        }
    }

    private synchronized void catchUp() throws IOException {
        try {
            catchUpTo(state.nextNumber());
        } catch (OrderingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Fetches and stores the blocks below {@code number} that this node lacks. */
    private void catchUpTo(long number) throws IOException, OrderingException {
        BlockSource from = source;
        while (support.height() < number) {
            long missing = support.height();
            if (from == null) {
                throw new IOException(support.channelId() + ": block " + missing + " is missing and no cluster to fetch it from");
            }
            Block block = from.fetch(missing).orElseThrow(() -> new IOException(support.channelId()
                    + ": the cluster did not return block " + missing));
            List<ByteString> envelopes = block.getData().getDataList();
            ByteString metadata = consenterMetadata(block);
            Block written = envelopes.size() == 1 && support.isConfig(envelopes.get(0))
                    ? support.writeConfigBlock(envelopes.get(0), metadata)
                    : support.writeBlock(envelopes, metadata);
            if (!written.getHeader().getPreviousHash().equals(block.getHeader().getPreviousHash())
                    || !written.getHeader().getDataHash().equals(block.getHeader().getDataHash())) {
                throw new IOException(support.channelId() + ": block " + missing
                        + " fetched from the cluster does not chain onto this node's blocks");
            }
            LOG.log(System.Logger.Level.DEBUG, support.channelId() + ": caught up block " + missing);
        }
    }

    private static ByteString consenterMetadata(Block block) {
        try {
            var signatures = org.hyperledger.fabric.protos.common.Metadata.parseFrom(block.getMetadata().getMetadata(0));
            return org.hyperledger.fabric.protos.common.OrdererBlockMetadata.parseFrom(signatures.getValue())
                    .getConsenterMetadata();
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            return ByteString.EMPTY;
        }
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        var content = request.getContent();
        if (Entries.type(content) != Entries.QUERY_BLOCK) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown query type " + Entries.type(content)));
        }
        try {
            Optional<Block> block = support.block(Entries.numberOf(content));
            return CompletableFuture.completedFuture(Message.valueOf(block.isPresent()
                    ? UnsafeByteOperations.unsafeWrap(block.get().toByteArray())
                    : org.apache.ratis.thirdparty.com.google.protobuf.ByteString.EMPTY));
        } catch (OrderingException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public synchronized long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return -1;
        }
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        Path temporary = file.toPath().resolveSibling(file.getName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            state.write(out);
        }
        Files.move(temporary, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        return last.getIndex();
    }

    /** The next block's number and how long its first pending envelope has waited (0 for none), for the leader. */
    synchronized long[] pending() {
        return new long[] {state.nextNumber(), pendingSinceNanos};
    }

    private static ByteString dataHash(List<ByteString> batch) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (ByteString envelope : batch) {
                sha256.update(envelope.asReadOnlyByteBuffer());
            }
            return ByteString.copyFrom(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
