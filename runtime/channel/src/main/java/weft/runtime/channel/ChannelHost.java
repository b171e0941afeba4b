package weft.runtime.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.api.ordering.BlockStream;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.identity.SignedData;
import weft.api.ordering.OrderingException;
import weft.api.ordering.ConsenterFactory;
import weft.api.ordering.OrderingException;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.config.ValidationSettings;
import weft.runtime.endorser.EndorsementPlugins;
import weft.runtime.endorser.LifecycleApprovedPackages;
import weft.runtime.endorser.LifecycleChaincodeResolver;
import weft.runtime.endorser.ProposalProcessor;
import weft.runtime.endorser.chaincode.ChaincodeLookup;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.block.OrdererBlocks;
import weft.runtime.lifecycle.ChannelView;
import weft.runtime.lifecycle.InstalledPackages;
import weft.runtime.lifecycle.LifecycleChaincode;
import weft.runtime.metrics.PeerMetrics;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.ordering.FileChainSupport;
import weft.runtime.policy.PolicyException;

/**
 * The channels this node runs, each with its ledger, committer, ordering and endorser, served as a
 * {@link ChannelGateway}. A channel is joined from its genesis block, which is kept under
 * {@code <data>/channels/<channel>/genesis.block}; {@link #openJoined} reopens every joined channel after a
 * restart. Ledgers live under the data directory in the ledger's layout ({@code chains/}, {@code stores/}).
 * <pre>{@code
 * try (ChannelHost host = new ChannelHost(services)) {
 *     host.join(GenesisBlocks.of(profile));
 *     CommitStatus status = host.submit(envelope, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class ChannelHost implements ChannelGateway, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChannelHost.class.getName());
    private static final String GENESIS_FILE = "genesis.block";

    /** Finds the consenter bundle serving a consensus type. */
    @FunctionalInterface
    public interface Consenters {
        /** @throws ChannelException naming the type and what is available when no bundle serves it */
        ConsenterFactory factory(String consensusType) throws ChannelException;
    }

    /**
     * What the channels need from the peer.
     *
     * @param dataDirectory  the peer's data directory
     * @param validation     the committer's settings ({@code peer.validation})
     * @param handlers       the endorsement and validation plugins
     * @param consenters     the consenter bundles (for channels this node orders)
     * @param chaincodes     which chaincode serves an installed package
     * @param packages       the installed packages, for {@code _lifecycle}
     * @param peerIdentity   the peer's signing identity (its MSP id is its organisation's)
     * @param ordererSigner  what this node signs ordered blocks with (unused when {@code remoteOrderers} is set)
     * @param raftPort       the port of this node's Raft server, for channels ordered by {@code raft}
     * @param remoteOrderers when set, this node does not order its channels: each follows the ordering nodes its
     *                       configuration names, through this connector; when {@code null}, this node orders them
     */
    public record Services(Path dataDirectory, ValidationSettings validation, HandlerRegistry handlers,
                           Consenters consenters, ChaincodeLookup chaincodes, InstalledPackages packages,
                           LocalSigningIdentity peerIdentity, OrdererBlocks.Signer ordererSigner, int raftPort,
                           long transientRetentionBlocks, OrdererConnector remoteOrderers) {
        public Services {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(handlers, "handlers");
            Objects.requireNonNull(consenters, "consenters");
            Objects.requireNonNull(chaincodes, "chaincodes");
            Objects.requireNonNull(packages, "packages");
            Objects.requireNonNull(peerIdentity, "peerIdentity");
            if (remoteOrderers == null) {
                Objects.requireNonNull(ordererSigner, "ordererSigner");
            }
        }

        /** The services of a node that orders its channels itself. */
        public Services(Path dataDirectory, ValidationSettings validation, HandlerRegistry handlers,
                        Consenters consenters, ChaincodeLookup chaincodes, InstalledPackages packages,
                        LocalSigningIdentity peerIdentity, OrdererBlocks.Signer ordererSigner, int raftPort,
                        long transientRetentionBlocks) {
            this(dataDirectory, validation, handlers, consenters, chaincodes, packages, peerIdentity, ordererSigner,
                    raftPort, transientRetentionBlocks, null);
        }
    }

    /** A joined channel: its runtime and the endorser serving it. */
    private record Joined(ChannelRuntime runtime, ProposalProcessor endorser) {
    }

    private final Services services;
    private final Map<String, Joined> channels = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final ScheduledExecutorService watchdog;
    private final PeerMetrics metrics;

    public ChannelHost(Services services) {
        this(services, PeerMetrics.NONE);
    }

    /** @param metrics where the channels record commits, validation plugin calls and proposals */
    public ChannelHost(Services services, PeerMetrics metrics) {
        this.services = services;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.pool = Executors.newFixedThreadPool(services.validation().poolSize(), daemon("weft-validate"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("weft-plugin-watchdog"));
    }

    /** The peer's organisation. */
    public String mspId() {
        return services.peerIdentity().mspId();
    }

    /**
     * Joins the channel whose genesis block this is: keeps the block, creates the ledger and the orderer's store
     * from it, and starts the channel.
     *
     * @throws ChannelException when the block is not a genesis block, the channel is already joined, or it
     *                          cannot be opened
     */
    public synchronized void join(Block genesis) throws ChannelException {
        String channelId;
        try {
            channelId = ChannelConfig.fromConfigBlock(genesis).channelId();
        } catch (ChannelConfig.ConfigException e) {
            throw new ChannelException("not a genesis block: " + e.getMessage(), e);
        }
        if (genesis.getHeader().getNumber() != 0) {
            throw new ChannelException("channel " + channelId + ": block " + genesis.getHeader().getNumber()
                    + " is not a genesis block (block 0)");
        }
        Path directory = channelDirectory(channelId);
        if (channels.containsKey(channelId) || Files.exists(directory.resolve(GENESIS_FILE))) {
            throw new ChannelException("channel " + channelId + " is already joined (" + directory + ")");
        }
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(GENESIS_FILE + ".tmp");
            Files.write(temporary, genesis.toByteArray());
            Files.move(temporary, directory.resolve(GENESIS_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ChannelException("channel " + channelId + ": cannot keep the genesis block in " + directory
                    + ": " + e.getMessage(), e);
        }
        open(channelId, genesis);
    }

    /** Opens every channel joined earlier that is not open yet; returns their ids. */
    public synchronized List<String> openJoined() throws ChannelException {
        Path root = services.dataDirectory().resolve("channels");
        List<String> opened = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return opened;
        }
        List<Path> directories;
        try (Stream<Path> entries = Files.list(root)) {
            directories = entries.filter(p -> Files.isRegularFile(p.resolve(GENESIS_FILE))).sorted().toList();
        } catch (IOException e) {
            throw new ChannelException("cannot list the joined channels in " + root + ": " + e.getMessage(), e);
        }
        for (Path directory : directories) {
            String channelId = directory.getFileName().toString();
            if (channels.containsKey(channelId)) {
                continue;
            }
            Block genesis;
            try {
                genesis = Block.parseFrom(Files.readAllBytes(directory.resolve(GENESIS_FILE)));
            } catch (IOException e) {
                throw new ChannelException("channel " + channelId + ": cannot read its genesis block "
                        + directory.resolve(GENESIS_FILE) + ": " + e.getMessage(), e);
            }
            open(channelId, genesis);
            opened.add(channelId);
        }
        return opened;
    }

    private void open(String channelId, Block genesis) throws ChannelException {
        ChannelRuntime runtime = ChannelRuntime.open(channelId, services.dataDirectory(), channelDirectory(channelId),
                genesis, services, pool, watchdog, metrics);
        // The package that serves a chaincode is the one this peer's organisation approved (its implicit
        // collection, in the peer's private state).
        ProposalProcessor endorser = new ProposalProcessor(
                id -> id.equals(channelId) ? Optional.of(runtime.endorserChannel()) : Optional.empty(),
                new LifecycleChaincodeResolver(new LifecycleApprovedPackages(mspId()), Map.of()),
                services.chaincodes(), EndorsementPlugins.of(services.handlers()), services.peerIdentity(),
                Clock.systemUTC());
        endorser.registerSystemChaincode(LifecycleChaincode.NAME, new LifecycleChaincode(mspId(), this::view,
                services.packages()));
        channels.put(channelId, new Joined(runtime, endorser));
        LOG.log(System.Logger.Level.INFO, "channel {0} open at height {1}, ordered by {2}", channelId,
                runtime.height(), runtime.settings().orderer().consensusType());
    }

    private Optional<ChannelView> view(String channelId) {
        Joined joined = channels.get(channelId);
        return joined == null ? Optional.empty()
                : Optional.of(new ConfigChannelView(joined.runtime().config(), joined.runtime().settings()));
    }

    private Path channelDirectory(String channelId) {
        return services.dataDirectory().resolve("channels").resolve(channelId);
    }

    // ---- the gateway ----

    @Override
    public ProposalResponse endorse(SignedProposal proposal) {
        return process(proposal);
    }

    @Override
    public ProposalResponse evaluate(SignedProposal proposal) {
        return process(proposal);
    }

    private ProposalResponse process(SignedProposal proposal) {
        long start = System.nanoTime();
        ChannelHeader header;
        try {
            Header parsed = Header.parseFrom(Proposal.parseFrom(proposal.getProposalBytes()).getHeader());
            header = ChannelHeader.parseFrom(parsed.getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            return failed("the proposal or its header does not parse: " + e.getMessage());
        }
        Joined joined = channels.get(header.getChannelId());
        if (joined == null) {
            return failed("channel '" + header.getChannelId() + "' not found");
        }
        ProposalResponse response = joined.endorser().process(proposal).response();
        metrics.proposalProcessed(header.getChannelId(), chaincodeName(header), System.nanoTime() - start,
                response.getResponse().getStatus() < 400);
        return response;
    }

    /** The chaincode a proposal invokes, for its metrics; empty when its header does not say. */
    private static String chaincodeName(ChannelHeader header) {
        try {
            return ChaincodeHeaderExtension.parseFrom(header.getExtension()).getChaincodeId().getName();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    private static ProposalResponse failed(String message) {
        return ProposalResponse.newBuilder().setResponse(Response.newBuilder().setStatus(500).setMessage(message))
                .build();
    }

    @Override
    public CommitStatus submit(Envelope transaction, Duration timeout)
            throws BroadcastException, CommitTimeoutException, InterruptedException {
        BroadcastFilter.Parsed parsed = BroadcastFilter.parse(transaction);
        return broadcastTarget(parsed.channelId()).submit(parsed, timeout);
    }

    /** Submits a transaction as raw bytes, as the broadcast service receives it. */
    public CommitStatus submit(ByteString envelope, Duration timeout)
            throws BroadcastException, CommitTimeoutException, InterruptedException {
        try {
            return submit(Envelope.parseFrom(envelope), timeout);
        } catch (InvalidProtocolBufferException e) {
            throw new BroadcastException(Status.BAD_REQUEST, "the envelope does not parse: " + e.getMessage(), e);
        }
    }

    /** Whether this node orders {@code channelId} itself (rather than following ordering nodes elsewhere). */
    public boolean ordersLocally(String channelId) {
        Joined joined = channels.get(channelId);
        return joined != null && joined.runtime().ordersLocally();
    }

    /**
     * The blocks this node ordered for {@code channelId}, from {@code from} on, following new ones (Fabric's
     * AtomicBroadcast Deliver). The caller closes the stream.
     *
     * @throws ChannelException when the channel is not joined or not ordered by this node
     */
    public BlockStream orderedBlocks(String channelId, long from) throws ChannelException {
        Joined joined = channels.get(channelId);
        if (joined == null) {
            throw new ChannelException("channel '" + channelId + "' not found");
        }
        try {
            return joined.runtime().orderedBlocks(from);
        } catch (OrderingException e) {
            throw new ChannelException("channel " + channelId + ": cannot read its ordered blocks from " + from + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void order(Envelope transaction, Duration timeout) throws BroadcastException, InterruptedException {
        BroadcastFilter.Parsed parsed = BroadcastFilter.parse(transaction);
        broadcastTarget(parsed.channelId()).order(parsed, timeout);
    }

    @Override
    public void broadcast(Envelope transaction, Duration timeout) throws BroadcastException, InterruptedException {
        BroadcastFilter.Parsed parsed = BroadcastFilter.parse(transaction);
        ChannelRuntime runtime = broadcastTarget(parsed.channelId());
        if (!runtime.ordersLocally()) {
            throw new BroadcastException(Status.NOT_FOUND, "this node does not order channel '" + parsed.channelId()
                    + "'; send it to the channel's ordering service");
        }
        runtime.order(parsed, timeout);
    }

    private ChannelRuntime broadcastTarget(String channelId) throws BroadcastException {
        Joined joined = channels.get(channelId);
        if (joined == null) {
            throw new BroadcastException(Status.NOT_FOUND, "channel '" + channelId + "' not found");
        }
        return joined.runtime();
    }

    @Override
    public Optional<CommitStatus> commitStatus(String channelId, String txId) throws ChannelException {
        ChannelLedger ledger = joined(channelId).runtime().ledger();
        try {
            Optional<Block> block = ledger.blockByTxId(txId);
            if (block.isEmpty()) {
                return Optional.empty();
            }
            ByteString flags = block.get().getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
            List<ByteString> envelopes = block.get().getData().getDataList();
            for (int i = 0; i < envelopes.size(); i++) {
                if (txId.equals(txIdOf(envelopes.get(i)))) {
                    TxValidationCode code = i < flags.size() ? TxValidationCode.forNumber(flags.byteAt(i) & 0xff) : null;
                    return Optional.of(new CommitStatus(txId, block.get().getHeader().getNumber(),
                            code == null ? TxValidationCode.INVALID_OTHER_REASON : code));
                }
            }
            return Optional.empty();
        } catch (LedgerException e) {
            throw new ChannelException("channel " + channelId + ": cannot look up transaction " + txId + ": "
                    + e.getMessage(), e);
        }
    }

    private static String txIdOf(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    @Override
    public Optional<Block> block(String channelId, long number) throws ChannelException {
        ChannelRuntime runtime = joined(channelId).runtime();
        if (number < 0 || number >= runtime.height()) {
            return Optional.empty();
        }
        try {
            return runtime.ledger().blockByNumber(number);
        } catch (LedgerException e) {
            throw new ChannelException("channel " + channelId + ": cannot read block " + number + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long orderedHeight(String channelId) {
        Joined joined = channels.get(channelId);
        return joined == null ? 0 : joined.runtime().local().map(local -> local.support().height()).orElse(0L);
    }

    @Override
    public Optional<Block> orderedBlock(String channelId, long number) throws ChannelException {
        FileChainSupport support = joined(channelId).runtime().localOrdering().support();
        if (number < 0 || number >= support.height()) {
            return Optional.empty();
        }
        try {
            return support.block(number);
        } catch (OrderingException e) {
            throw new ChannelException("channel " + channelId + ": cannot read the orderer's block " + number + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void checkPolicy(String channelId, String policy, List<SignedData> signatures)
            throws ChannelException, PolicyException {
        joined(channelId).runtime().config().policies().evaluate(policy, signatures);
    }

    private Joined joined(String channelId) throws ChannelException {
        Joined joined = channels.get(channelId);
        if (joined == null) {
            throw new ChannelException("channel '" + channelId + "' not found");
        }
        return joined;
    }

    @Override
    public List<String> channels() {
        return channels.keySet().stream().sorted().toList();
    }

    @Override
    public long height(String channelId) {
        Joined joined = channels.get(channelId);
        return joined == null ? 0 : joined.runtime().height();
    }

    /** The consensus type ordering a channel now (its last config block's {@code ConsensusType}). */
    public Optional<String> consensusType(String channelId) {
        Joined joined = channels.get(channelId);
        return joined == null ? Optional.empty() : Optional.of(joined.runtime().settings().orderer().consensusType());
    }

    /**
     * Moves a running channel from solo to Raft (Fabric's consensus-type migration): maintenance, a config block
     * recording {@code ConsensusType} {@code type}, the new consenter on the same block store, end of maintenance.
     * Meanwhile clients' envelopes are refused with {@code SERVICE_UNAVAILABLE}; they may retry.
     *
     * @return the number of the config block recording the new type
     * @throws ChannelException when the channel is unknown, the move is not supported (only solo to raft is), or a
     *                          step fails; the channel then still orders with its old consenter, unless the message
     *                          says it stopped
     */
    public long migrateConsensus(String channelId, String type, Duration timeout)
            throws ChannelException, InterruptedException {
        Joined joined = channels.get(channelId);
        if (joined == null) {
            throw new ChannelException("channel '" + channelId + "' not found; joined: " + channels());
        }
        long block;
        synchronized (joined) {
            block = joined.runtime().migrateConsensus(type, timeout);
        }
        LOG.log(System.Logger.Level.INFO, "channel {0} ordered by {1} from block {2} on", channelId, type, block + 1);
        return block;
    }

    /** Why a channel stopped committing, if it did. */
    public Optional<String> halted(String channelId) {
        Joined joined = channels.get(channelId);
        return joined == null ? Optional.empty() : joined.runtime().halted();
    }

    /** Stops every channel (delivery first, then ordering and the ledger) and the validation threads. */
    @Override
    public synchronized void close() {
        for (Joined joined : channels.values()) {
            joined.runtime().close();
        }
        channels.clear();
        pool.shutdownNow();
        watchdog.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
