package weft.runtime.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.ordering.BlockStream;
import weft.api.ordering.Cluster;
import weft.api.ordering.ClusterMember;
import weft.api.ordering.Consenter;
import weft.api.ordering.ConsenterFactory;
import weft.api.ordering.ConsenterStorage;
import weft.api.ordering.OrderingException;
import weft.api.plugin.PluginInitException;
import weft.runtime.committer.BlockSignatures;
import weft.runtime.committer.BlockValidator;
import weft.runtime.committer.CannotValidateException;
import weft.runtime.committer.ChannelCommitter;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.committer.ValidationPlugins;
import weft.runtime.configtx.ChannelSettings;
import weft.runtime.configtx.ConfigTxException;
import weft.runtime.endorser.EndorserChannel;
import weft.runtime.committer.pvtdata.PeerCollectionMembership;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.metrics.PeerMetrics;
import weft.runtime.ledger.pvtdata.PrivateDataConfig;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.block.OrdererBlocks;
import weft.runtime.ledger.store.LedgerStoreException;
import weft.runtime.ordering.FileChainSupport;

/**
 * One channel on this node: the peer's ledger and committer, the channel's ordering — this node's own block store
 * and consenter, or a connection to ordering nodes elsewhere — and the deliver loop that commits each ordered
 * block in turn. Delivery resumes from the ledger's height, so blocks ordered but not yet committed before a stop
 * are committed now, and none twice.
 */
final class ChannelRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChannelRuntime.class.getName());
    private static final Duration POLL = Duration.ofMillis(250);

    private final String channelId;
    private final ChannelLedger ledger;
    private final ChannelCommitter committer;
    private final ChannelOrdering ordering;
    private final Path channelDirectory;
    private final ChannelHost.Services services;
    private final BroadcastGate gate;
    private final Thread deliverer;
    private final Map<String, Deque<CompletableFuture<CommitStatus>>> waiters = new HashMap<>();
    private volatile ChannelSettings settings;
    private volatile boolean running = true;
    private volatile String halted;
    private volatile BlockStream stream;
    private final PeerMetrics metrics;

    private ChannelRuntime(String channelId, ChannelLedger ledger, ChannelCommitter committer,
                           ChannelOrdering ordering, ChannelSettings settings, Path channelDirectory,
                           ChannelHost.Services services, PeerMetrics metrics) {
        this.channelId = channelId;
        this.metrics = metrics;
        this.ledger = ledger;
        this.committer = committer;
        this.ordering = ordering;
        this.channelDirectory = channelDirectory;
        this.services = services;
        this.gate = new BroadcastGate(channelId);
        this.settings = settings;
        this.deliverer = new Thread(this::deliver, "weft-deliver-" + channelId);
        this.deliverer.setDaemon(true);
    }

    /**
     * Opens the channel: the ledger under {@code ledgerRoot} (created from {@code genesis} when empty), the orderer
     * block store under {@code channelDirectory}, the consenter of the channel's consensus type,
     * and starts delivering.
     */
    static ChannelRuntime open(String channelId, Path ledgerRoot, Path channelDirectory, Block genesis,
                               ChannelHost.Services services, ExecutorService pool, ScheduledExecutorService watchdog,
                               PeerMetrics metrics)
            throws ChannelException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ChannelLedger ledger = ChannelLedger.open(ledgerRoot, channelId, new PrivateDataConfig(
                    new PeerCollectionMembership(services.peerIdentity().mspId()), services.transientRetentionBlocks()));
            opened.add(ledger);
            BlockValidator validator = new BlockValidator(pool, watchdog, services.validation().pluginTimeout());
            ChannelCommitter.RetryPolicy retry = new ChannelCommitter.RetryPolicy(
                    services.validation().executionFailureRetries(), services.validation().retryBackoff());
            ChannelCommitter committer;
            Block configBlock;
            if (ledger.chainInfo().height() == 0) {
                committer = new ChannelCommitter(ledger, validator,
                        TimedValidationPlugin.plugins(ValidationPlugins.of(services.handlers(), channelId), channelId,
                                metrics), retry, null);
                committer.commit(genesis);
                configBlock = genesis;
            } else {
                configBlock = lastConfigBlock(ledger);
                committer = new ChannelCommitter(ledger, validator,
                        TimedValidationPlugin.plugins(ValidationPlugins.of(services.handlers(), channelId), channelId,
                                metrics), retry, ChannelConfig.fromConfigBlock(configBlock));
                if (!ledger.blockByNumber(0).orElseThrow().getHeader().equals(genesis.getHeader())) {
                    throw new ChannelException("channel " + channelId + ": the ledger's block 0 is not the channel's "
                            + "genesis block");
                }
            }
            ChannelSettings settings = settings(channelId, configBlock);
            ChannelOrdering ordering;
            if (services.remoteOrderers() != null) {
                ordering = new RemoteOrdering(services.remoteOrderers().connect(channelId,
                        OrdererEndpointsReader.read(configBlock), services.peerIdentity()));
                opened.add(ordering);
            } else {
                FileChainSupport support = FileChainSupport.open(channelDirectory.resolve("orderer"), channelId,
                        settings.orderer().batch(), services.ordererSigner(), genesis);
                opened.add(support);
                long ordered = support.height();
                long committed = ledger.chainInfo().height();
                if (committed > ordered) {
                    throw new ChannelException("channel " + channelId + ": the ledger holds " + committed
                            + " blocks but the orderer's block store only " + ordered + "; the orderer's store in "
                            + channelDirectory.resolve("orderer") + " is incomplete");
                }
                if (ordered > committed) {
                    // The consenter is the one the orderer's last config block names: a migration's config block
                    // may be ordered but not yet committed when the node stopped.
                    settings = settings(channelId, storedLastConfig(support));
                    LOG.log(System.Logger.Level.INFO, "channel {0}: committing blocks {1}..{2}, ordered before the "
                            + "last stop", channelId, committed, ordered - 1);
                }
                ConsenterFactory factory = services.consenters().factory(settings.orderer().consensusType());
                Consenter consenter = newConsenter(channelId, factory, support, settings, channelDirectory, services);
                opened.add(consenter);
                ordering = new LocalOrdering(support, consenter);
            }
            ChannelRuntime runtime = new ChannelRuntime(channelId, ledger, committer, ordering, settings,
                    channelDirectory, services, metrics);
            runtime.deliverer.start();
            return runtime;
        } catch (ChannelException e) {
            closeAll(opened);
            throw e;
        } catch (LedgerException | OrderingException | ChannelConfig.ConfigException
                 | BlockSignatures.BlockRejectedException | CannotValidateException | RuntimeException e) {
            closeAll(opened);
            throw new ChannelException("channel " + channelId + " cannot be opened: " + e.getMessage(), e);
        }
    }

    static Consenter newConsenter(String channelId, ConsenterFactory factory, FileChainSupport support,
                                          ChannelSettings settings, Path channelDirectory,
                                          ChannelHost.Services services) throws ChannelException {
        try {
            if (ConsenterFactory.RAFT.equals(settings.orderer().consensusType())) {
                // This node is the channel's only ordering node: a Raft cluster of one.
                Cluster cluster = new Cluster("orderer0", List.of(new ClusterMember("orderer0", "127.0.0.1",
                        services.raftPort())));
                return factory.newConsenter(support, cluster, new ConsenterStorage(channelDirectory.resolve("raft")));
            }
            return factory.newConsenter(support);
        } catch (PluginInitException | RuntimeException e) {
            throw new ChannelException("channel " + channelId + ": the " + settings.orderer().consensusType()
                    + " consenter cannot start: " + e.getMessage(), e);
        }
    }

    /** The config block the orderer's block store names in its last block's LAST_CONFIG. */
    static Block storedLastConfig(FileChainSupport support) throws OrderingException, ChannelException {
        Block tip = support.block(support.height() - 1).orElseThrow();
        long index = OrdererBlocks.ordererMetadata(tip).getLastConfig().getIndex();
        return support.block(index).orElseThrow(() -> new ChannelException("channel " + support.channelId()
                + ": the orderer's block " + tip.getHeader().getNumber() + " names missing block " + index
                + " as its config block"));
    }

    /** The config block in force at the ledger's tip (the tip's LAST_CONFIG). */
    private static Block lastConfigBlock(ChannelLedger ledger) throws LedgerException, ChannelException {
        long height = ledger.chainInfo().height();
        Block tip = ledger.blockByNumber(height - 1).orElseThrow();
        long index = OrdererBlocks.ordererMetadata(tip).getLastConfig().getIndex();
        return ledger.blockByNumber(index).orElseThrow(() -> new ChannelException("channel " + ledger.channelId()
                + ": block " + (height - 1) + " names block " + index + " as its config block, which is missing"));
    }

    static ChannelSettings settings(String channelId, Block configBlock) throws ChannelException {
        ConfigEnvelope envelope = ChannelConfig.configEnvelope(configBlock).orElseThrow(() -> new ChannelException(
                "channel " + channelId + ": block " + configBlock.getHeader().getNumber() + " is not a config block"));
        try {
            return ChannelSettings.read(envelope.getConfig().getChannelGroup());
        } catch (ConfigTxException e) {
            throw new ChannelException("channel " + channelId + ": " + e.getMessage(), e);
        }
    }

    String channelId() {
        return channelId;
    }

    ChannelLedger ledger() {
        return ledger;
    }

    ChannelConfig config() {
        return committer.config();
    }

    ChannelSettings settings() {
        return settings;
    }

    EndorserChannel endorserChannel() {
        return new EndorserChannel(ledger, committer::config);
    }

    long height() {
        return ledger.chainInfo().height();
    }

    /** This node's own ordering of the channel; empty when the channel is ordered elsewhere. */
    Optional<LocalOrdering> local() {
        return ordering instanceof LocalOrdering local ? Optional.of(local) : Optional.empty();
    }

    /** Whether this node orders the channel itself. */
    boolean ordersLocally() {
        return local().isPresent();
    }

    /**
     * This node's own ordering of the channel.
     *
     * @throws ChannelException when the channel is ordered elsewhere
     */
    LocalOrdering localOrdering() throws ChannelException {
        return local().orElseThrow(() -> new ChannelException("channel " + channelId
                + " is ordered by other nodes, not by this one"));
    }

    ChannelHost.Services services() {
        return services;
    }

    Path channelDirectory() {
        return channelDirectory;
    }

    BroadcastGate gate() {
        return gate;
    }

    /** Puts another consenter in place of the current one, which the caller has closed. */
    void replaceConsenter(Consenter next, ChannelSettings nextSettings) throws ChannelException {
        localOrdering().replaceConsenter(next);
        this.settings = nextSettings;
    }

    /** Waits until the ledger holds block {@code number}, or fails if the channel halts or the time passes. */
    void awaitCommitted(long number, Duration timeout) throws ChannelException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ledger.chainInfo().height() <= number) {
            if (halted != null) {
                throw new ChannelException("channel " + channelId + " stopped committing before block " + number
                        + ": " + halted);
            }
            if (System.nanoTime() > deadline) {
                throw new ChannelException("channel " + channelId + ": block " + number + " was not committed within "
                        + timeout.toMillis() + " ms");
            }
            Thread.sleep(5);
        }
    }

    /** Whether committed block {@code number}'s first transaction is marked valid. */
    boolean committedValid(long number) throws ChannelException {
        try {
            Block block = ledger.blockByNumber(number).orElseThrow(() -> new ChannelException("channel " + channelId
                    + ": block " + number + " is not committed"));
            ByteString flags = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
            return !flags.isEmpty() && flags.byteAt(0) == TxValidationCode.VALID_VALUE;
        } catch (LedgerException e) {
            throw new ChannelException("channel " + channelId + ": cannot read block " + number + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Moves the channel to another consensus type (solo to Raft): see {@link ConsensusMigration}.
     *
     * @return the number of the config block that records the new type
     */
    long migrateConsensus(String type, Duration timeout) throws ChannelException, InterruptedException {
        if (!running || halted != null) {
            throw new ChannelException("channel " + channelId + " is not committing"
                    + (halted != null ? ": " + halted : " (it is stopping)"));
        }
        return new ConsensusMigration(this).migrate(type, timeout);
    }

    /** Why the channel stopped committing, if it did. */
    Optional<String> halted() {
        return Optional.ofNullable(halted);
    }

    /** Checks, orders and waits for the commit of an envelope of this channel. */
    CommitStatus submit(BroadcastFilter.Parsed parsed, Duration timeout)
            throws BroadcastException, CommitTimeoutException, InterruptedException {
        String txId = parsed.channelHeader().getTxId();
        long deadline = System.nanoTime() + timeout.toNanos();
        // Waiting starts before ordering, so a block cut at once cannot be missed.
        CompletableFuture<CommitStatus> committed = await(txId);
        try {
            order(parsed, timeout);
        } catch (BroadcastException | RuntimeException | InterruptedException e) {
            forget(txId, committed);
            throw e;
        }
        try {
            return committed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new CommitTimeoutException("channel " + channelId + ": transaction " + txId + " was ordered but "
                    + "not committed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            forget(txId, committed);
            throw new CommitTimeoutException("channel " + channelId + ": transaction " + txId + " was ordered but "
                    + "not committed within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * Checks an envelope of this channel against its configuration and hands it to ordering (this node's consenter
     * or the remote ordering service); returns once ordering accepted it, without waiting for the commit.
     *
     * @throws BroadcastException with Fabric's status when it is refused, or not accepted within {@code timeout}
     */
    void order(BroadcastFilter.Parsed parsed, Duration timeout) throws BroadcastException, InterruptedException {
        if (!running || halted != null) {
            throw new BroadcastException(Status.SERVICE_UNAVAILABLE, "channel " + channelId + " is not committing"
                    + (halted != null ? ": " + halted : " (it is stopping)"));
        }
        BroadcastFilter.check(parsed, committer.config(), settings.orderer().batch().batchSize().absoluteMaxBytes());
        String txId = parsed.channelHeader().getTxId();
        gate.admit();
        CompletableFuture<Void> acknowledged;
        try {
            acknowledged = ordering.broadcast(parsed.envelope().toByteString());
        } catch (RuntimeException e) {
            gate.answered();
            throw new BroadcastException(Status.INTERNAL_SERVER_ERROR, "channel " + channelId + ": ordering failed "
                    + "on transaction " + txId + ": " + e.getMessage(), e);
        }
        // The gate counts the envelope until ordering answers, even when this caller stops waiting first.
        acknowledged.whenComplete((ok, failure) -> gate.answered());
        try {
            acknowledged.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new BroadcastException(OrderingException.statusOf(e), "channel " + channelId
                    + ": ordering refused transaction " + txId + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BroadcastException(Status.SERVICE_UNAVAILABLE, "channel " + channelId + ": ordering did not "
                    + "accept transaction " + txId + " within " + timeout.toMillis() + " ms");
        }
    }

    /** The blocks this node ordered for the channel, from {@code from} on (the AtomicBroadcast Deliver service). */
    BlockStream orderedBlocks(long from) throws ChannelException, OrderingException {
        return localOrdering().blocks(from);
    }

    private CompletableFuture<CommitStatus> await(String txId) {
        CompletableFuture<CommitStatus> future = new CompletableFuture<>();
        synchronized (waiters) {
            waiters.computeIfAbsent(txId, id -> new ArrayDeque<>()).add(future);
        }
        return future;
    }

    private void forget(String txId, CompletableFuture<CommitStatus> future) {
        synchronized (waiters) {
            Deque<CompletableFuture<CommitStatus>> queue = waiters.get(txId);
            if (queue != null && queue.remove(future) && queue.isEmpty()) {
                waiters.remove(txId);
            }
        }
    }

    /** The deliver loop: pulls the ordered blocks from the ledger's height on and commits each in order. */
    private void deliver() {
        try (BlockStream blocks = ordering.blocks(ledger.chainInfo().height())) {
            stream = blocks;
            while (running) {
                Optional<Block> next = blocks.next(POLL);
                if (next.isPresent()) {
                    long start = System.nanoTime();
                    Block stored = committer.commit(next.get());
                    // Recorded before the waiters hear of the commit: a client that saw it finds it in the metrics.
                    metrics.blockCommitted(channelId, stored.getHeader().getNumber() + 1, System.nanoTime() - start,
                            codeCounts(stored));
                    committed(stored);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (OrderingException e) {
            if (running) {
                halt("delivery from ordering failed: " + e.getMessage(), e);
            }
        } catch (BlockSignatures.BlockRejectedException | CannotValidateException | LedgerException
                 | ChannelConfig.ConfigException | LedgerStoreException | RuntimeException e) {
            halt(e.getMessage(), e);
        }
    }

    /** How many of a committed block's transactions got each validation code, by the code's name. */
    private static Map<String, Integer> codeCounts(Block block) {
        ByteString flags = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            TxValidationCode code = i < flags.size() ? TxValidationCode.forNumber(flags.byteAt(i) & 0xff) : null;
            counts.merge(code == null ? TxValidationCode.NOT_VALIDATED.name() : code.name(), 1, Integer::sum);
        }
        return counts;
    }

    void halt(String reason, Exception cause) {
        halted = reason;
        LOG.log(System.Logger.Level.ERROR, "channel " + channelId + " stopped committing at block "
                + ledger.chainInfo().height() + ": " + reason, cause);
        failWaiters("channel " + channelId + " stopped committing: " + reason);
    }

    /** Completes the waiters of a committed block's transactions. */
    private void committed(Block block) throws LedgerStoreException {
        if (ChannelConfig.configEnvelope(block).isPresent()) {
            try {
                settings = settings(channelId, block);
            } catch (ChannelException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
        ByteString flags = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            Optional<String> txId = txId(block.getData().getData(i));
            if (txId.isEmpty()) {
                continue;
            }
            int value = i < flags.size() ? flags.byteAt(i) & 0xff : TxValidationCode.NOT_VALIDATED_VALUE;
            TxValidationCode code = TxValidationCode.forNumber(value);
            if (code == null) {
                code = TxValidationCode.INVALID_OTHER_REASON;
            }
            CompletableFuture<CommitStatus> waiter;
            synchronized (waiters) {
                Deque<CompletableFuture<CommitStatus>> queue = waiters.get(txId.get());
                waiter = queue == null ? null : queue.poll();
                if (queue != null && queue.isEmpty()) {
                    waiters.remove(txId.get());
                }
            }
            if (waiter != null) {
                waiter.complete(new CommitStatus(txId.get(), block.getHeader().getNumber(), code));
            }
        }
    }

    private static Optional<String> txId(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            String txId = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
            return txId.isEmpty() ? Optional.empty() : Optional.of(txId);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private void failWaiters(String message) {
        List<CompletableFuture<CommitStatus>> all = new ArrayList<>();
        synchronized (waiters) {
            waiters.values().forEach(all::addAll);
            waiters.clear();
        }
        all.forEach(f -> f.completeExceptionally(new IllegalStateException(message)));
    }

    /** Stops delivering, then closes the consenter, the orderer's store and the ledger. */
    @Override
    public void close() {
        running = false;
        BlockStream current = stream;
        if (current != null) {
            current.close();
        }
        try {
            deliverer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failWaiters("channel " + channelId + " is closing");
        closeAll(List.of(ledger, ordering));
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resources.get(i) + " failed: " + e.getMessage());
            }
        }
    }
}
