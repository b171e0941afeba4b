package weft.runtime.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.blockfile.BlockFileException;
import weft.runtime.ledger.blockfile.BlockFiles;
import weft.runtime.ledger.blockfile.BlockSerialization;
import weft.runtime.ledger.blockfile.FileLocation;
import weft.runtime.ledger.blockfile.SerializedBlock;
import weft.runtime.ledger.commit.MvccValidator;
import weft.runtime.ledger.commit.TransactionRwSet;
import weft.runtime.ledger.commit.UnsupportedRangeQueryException;
import weft.runtime.ledger.pvtdata.MissingPrivateData;
import weft.runtime.ledger.pvtdata.MissingPrivateDataLog;
import weft.runtime.ledger.pvtdata.PrivateDataConfig;
import weft.runtime.ledger.pvtdata.PrivateStateUpdater;
import weft.runtime.ledger.pvtdata.TransientStore;
import weft.runtime.ledger.state.MetadataHint;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.Batch;
import weft.runtime.ledger.store.Keys;
import weft.runtime.ledger.store.LedgerStore;
import weft.runtime.ledger.store.LedgerStoreException;
import weft.runtime.ledger.store.StoreReader;

/**
 * One channel's ledger. {@link #commit} checks that a block follows the chain, runs MVCC over the validators'
 * verdicts, writes the final TRANSACTIONS_FILTER and the commit hash into the block, appends it to the block
 * files (forced to disk) and then applies index, history and state changes in one atomic LevelDB batch. After a
 * crash at any point, {@link #open} cuts off a torn append and replays the blocks the LevelDB has not seen, so
 * block files, indexes and state always move together.
 *
 * <p>Private data: the endorser leaves each proposal's clear private writes in the {@link #transientStore()}; when
 * the transaction commits valid, the clear writes of the collections this peer is a member of (see
 * {@link PrivateDataConfig}) are checked against the transaction's hashes and applied to private state
 * ({@link weft.runtime.ledger.state.PrivateState}) in the block's batch, which also purges the block's transient
 * entries and those past the retention. A crash between the block append and the batch leaves the transient
 * entries in place, so recovery applies them; what cannot be applied (absent, or not matching its hashes) is
 * recorded as {@link MissingPrivateData} and never changes a verdict. Private state is the one thing in the
 * LevelDB that the block files cannot rebuild: a ledger rebuilt from its blocks records its private data missing.
 */
public final class ChannelLedger implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChannelLedger.class.getName());

    /** Fabric starts a new block file before 64 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 64L * 1024 * 1024;

    private static final int FILTER = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;
    private static final int COMMIT_HASH = BlockMetadataIndex.COMMIT_HASH_VALUE;
    private static final int METADATA_SLOTS = 5;

    /** The end of the chain. */
    private record Tip(long height, ByteString currentHash, ByteString previousHash, ByteString commitHash) {
    }

    private final String channelId;
    private final BlockFiles files;
    private final LedgerStore store;
    private final WorldState state;
    private final MetadataHint metadataHint;
    private final MvccValidator mvcc;
    private final PrivateDataConfig privateData;
    private final TransientStore transients;
    private volatile Tip tip;

    private ChannelLedger(String channelId, BlockFiles files, LedgerStore store, MetadataHint metadataHint,
                          PrivateDataConfig privateData) {
        this.channelId = channelId;
        this.files = files;
        this.store = store;
        this.metadataHint = metadataHint;
        this.state = new WorldState(store);
        this.mvcc = new MvccValidator(state);
        this.privateData = privateData;
        this.transients = new TransientStore(store);
    }

    /**
     * Opens the ledger of {@code channelId} under {@code root}, recovering from a crash if needed, for a peer that
     * is a member of no private-data collection (it keeps their hashes only).
     */
    public static ChannelLedger open(Path root, String channelId) throws LedgerException {
        return open(root, channelId, DEFAULT_MAX_FILE_SIZE);
    }

    public static ChannelLedger open(Path root, String channelId, long maxFileSize) throws LedgerException {
        return open(root, channelId, maxFileSize, PrivateDataConfig.NONE);
    }

    /** Opens the ledger of a peer that keeps the private data of the collections {@code privateData} names. */
    public static ChannelLedger open(Path root, String channelId, PrivateDataConfig privateData) throws LedgerException {
        return open(root, channelId, DEFAULT_MAX_FILE_SIZE, privateData);
    }

    public static ChannelLedger open(Path root, String channelId, long maxFileSize, PrivateDataConfig privateData)
            throws LedgerException {
        BlockFiles files;
        try {
            files = BlockFiles.open(root.resolve("chains").resolve(channelId), maxFileSize);
        } catch (IOException | BlockFileException e) {
            throw new LedgerException("cannot open the block files of channel " + channelId + ": " + e.getMessage(), e);
        }
        LedgerStore store;
        try {
            store = LedgerStore.open(root.resolve("stores").resolve(channelId));
        } catch (LedgerStoreException e) {
            closeQuietly(files);
            throw new LedgerException(e.getMessage(), e);
        }
        MetadataHint hint;
        try {
            hint = MetadataHint.load(store);
        } catch (LedgerStoreException e) {
            closeQuietly(files);
            closeQuietly(store);
            throw new LedgerException("cannot read the metadata hint of channel " + channelId + ": " + e.getMessage(), e);
        }
        ChannelLedger ledger = new ChannelLedger(channelId, files, store, hint, privateData);
        try {
            ledger.recover();
        } catch (LedgerException | RuntimeException e) {
            ledger.close();
            throw e;
        }
        return ledger;
    }

    public String channelId() {
        return channelId;
    }

    /** Committed world state, for reads. */
    public WorldState state() {
        return state;
    }

    /**
     * Where the endorser keeps proposals' clear private writes until their transactions commit; the ledger
     * consumes and purges the entries.
     */
    public TransientStore transientStore() {
        return transients;
    }

    /** Which private data this peer should hold but does not, for blocks {@code fromBlock} to {@code toBlock} (exclusive). */
    public List<MissingPrivateData> missingPrivateData(long fromBlock, long toBlock) throws LedgerException {
        try {
            return MissingPrivateDataLog.read(store, fromBlock, toBlock);
        } catch (LedgerStoreException e) {
            throw new LedgerException(e.getMessage(), e);
        }
    }

    /** Which namespaces have ever had key metadata; validators skip metadata reads in the others. */
    public MetadataHint metadataHint() {
        return metadataHint;
    }

    public ChainInfo chainInfo() {
        Tip t = tip;
        return new ChainInfo(t.height(), t.currentHash(), t.previousHash());
    }

    /**
     * Commits {@code block} with the validators' verdicts.
     *
     * @param validationFlags one TxValidationCode per transaction; transactions still VALID go through MVCC
     * @return the block as stored, with its final TRANSACTIONS_FILTER and COMMIT_HASH
     * @throws LedgerException when the block does not follow the chain, or the ledger cannot be written; the
     *                         ledger is unchanged in the first case and recoverable in the second
     */
    public synchronized Block commit(Block block, byte[] validationFlags) throws LedgerException {
        Tip current = tip;
        checkFollows(block, current);
        if (validationFlags.length != block.getData().getDataCount()) {
            throw new LedgerException("block " + block.getHeader().getNumber() + " has "
                    + block.getData().getDataCount() + " transactions but " + validationFlags.length + " verdicts");
        }
        MvccValidator.Outcome outcome;
        try {
            outcome = mvcc.validate(block, validationFlags);
        } catch (LedgerStoreException | UnsupportedRangeQueryException e) {
            throw new LedgerException("cannot validate block " + block.getHeader().getNumber() + ": "
                    + e.getMessage(), e);
        }
        Block stored = withMetadata(block, outcome, current.commitHash());
        SerializedBlock serialized = BlockSerialization.serialize(stored);
        FileLocation location;
        try {
            location = files.append(stored, serialized);
        } catch (IOException e) {
            throw new LedgerException("cannot append block " + block.getHeader().getNumber() + " to the block files of "
                    + channelId + ": " + e.getMessage(), e);
        }
        writeDerived(stored, location, serialized, outcome);
        tip = tipAfter(stored);
        return stored;
    }

    private void checkFollows(Block block, Tip current) throws LedgerException {
        long number = block.getHeader().getNumber();
        if (number != current.height()) {
            throw new LedgerException("block " + number + " cannot be appended to channel " + channelId
                    + ": the ledger's height is " + current.height() + ", so the next block must be number "
                    + current.height());
        }
        if (number > 0 && !block.getHeader().getPreviousHash().equals(current.currentHash())) {
            throw new LedgerException("block " + number + " does not follow block " + (number - 1) + " of channel "
                    + channelId + ": its previous hash does not equal that block's header hash");
        }
        if (!BlockHashes.dataHash(block.getData()).equals(block.getHeader().getDataHash())) {
            throw new LedgerException("block " + number + " of channel " + channelId
                    + ": its data hash does not match its transactions");
        }
    }

    private static Block withMetadata(Block block, MvccValidator.Outcome outcome, ByteString previousCommitHash) {
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_SLOTS) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(FILTER, ByteString.copyFrom(outcome.flags()));
        if (block.getHeader().getNumber() > 0) {
            ByteString hash = CommitHash.compute(outcome.flags(), outcome.updates(), previousCommitHash);
            metadata.setMetadata(COMMIT_HASH, Metadata.newBuilder().setValue(hash).build().toByteString());
        }
        return block.toBuilder().setMetadata(metadata).build();
    }

    private void writeDerived(Block block, FileLocation location, SerializedBlock serialized,
                              MvccValidator.Outcome outcome) throws LedgerException {
        long number = block.getHeader().getNumber();
        Batch batch = new Batch();
        batch.put(IndexKeys.blockNumber(number), IndexKeys.location(location));
        batch.put(IndexKeys.blockHash(BlockHashes.headerHash(block.getHeader())), Keys.orderPreserving(number));
        long recordStart = location.offset() + (serialized.bytes().length > 0
                ? CodedOutputStream.computeUInt32SizeNoTag(serialized.bytes().length) : 0);
        List<String> txIds = new ArrayList<>(block.getData().getDataCount());
        for (int tx = 0; tx < block.getData().getDataCount(); tx++) {
            SerializedBlock.Span span = serialized.transactions().get(tx);
            FileLocation txLocation = new FileLocation(location.fileSuffix(), recordStart + span.offset(), span.length());
            IndexKeys.TxEntry entry = new IndexKeys.TxEntry(number, tx, outcome.flags()[tx] & 0xff, txLocation);
            batch.put(IndexKeys.blockTransaction(number, tx), entry.encode());
            Optional<TransactionHeader> header = TransactionHeader.of(block.getData().getData(tx));
            if (header.isPresent()) {
                batch.put(IndexKeys.txId(header.get().txId(), number, tx), entry.encode());
                batch.put(IndexKeys.txIdSeen(header.get().txId()), new byte[0]);
            }
            txIds.add(header.map(TransactionHeader::txId).orElse(""));
        }
        for (MvccValidator.Write write : outcome.history()) {
            batch.put(IndexKeys.history(write.namespace(), write.key(), write.blockNum(), write.txNum()), new byte[0]);
        }
        outcome.updates().writeTo(batch);
        metadataHint.record(outcome.updates(), batch);
        batch.put(IndexKeys.CHECKPOINT, Keys.orderPreserving(number));
        try {
            writePrivateData(number, outcome, txIds, batch);
            store.write(batch);
        } catch (LedgerStoreException e) {
            throw new LedgerException("block " + number + " is stored but its indexes and state could not be written;"
                    + " they will be rebuilt when the ledger is reopened: " + e.getMessage(), e);
        }
    }

    /**
     * Adds the block's private state changes and missing-data records to its batch, and the purge of its
     * transactions' transient entries and of those older than the retention. Reads state as of before the block.
     */
    private void writePrivateData(long number, MvccValidator.Outcome outcome, List<String> txIds, Batch batch)
            throws LedgerStoreException {
        if (!outcome.privateDataTransactions().isEmpty()) {
            PrivateStateUpdater.Outcome updates = new PrivateStateUpdater(privateData.membership(), state, transients,
                    store).apply(number, outcome.privateDataTransactions(), txIds);
            updates.updates().writeTo(batch);
            for (MissingPrivateData missing : updates.missing()) {
                MissingPrivateDataLog.record(missing, batch);
            }
        }
        transients.purgeTransactions(txIds.stream().filter(id -> !id.isEmpty()).distinct().toList(), batch);
        transients.purgeEndorsedBelow(number + 1 - privateData.transientRetentionBlocks(), batch);
    }

    /** Brings the LevelDB up to the block files after a crash, by replaying blocks through the same code path. */
    private void recover() throws LedgerException {
        Optional<Block> last = files.lastBlock();
        Optional<Long> checkpoint = checkpoint();
        if (last.isEmpty()) {
            if (checkpoint.isPresent()) {
                throw new LedgerException("channel " + channelId + ": the index says block " + checkpoint.get()
                        + " is committed, but the block files are empty");
            }
            tip = new Tip(0, ByteString.EMPTY, ByteString.EMPTY, ByteString.EMPTY);
            return;
        }
        long lastNumber = last.get().getHeader().getNumber();
        if (checkpoint.isPresent() && checkpoint.get() > lastNumber) {
            throw new LedgerException("channel " + channelId + ": the index is at block " + checkpoint.get()
                    + " but the block files end at block " + lastNumber);
        }
        if (checkpoint.isEmpty() || checkpoint.get() < lastNumber) {
            long from = checkpoint.map(c -> c + 1).orElse(0L);
            LOG.log(System.Logger.Level.INFO, "channel {0}: replaying blocks {1} to {2} into state and indexes",
                    channelId, from, lastNumber);
            replayFrom(from);
        }
        tip = tipAfter(last.get());
    }

    private void replayFrom(long from) throws LedgerException {
        FileLocation start = new FileLocation(0, 0, 0);
        if (from > 0) {
            start = location(from - 1).orElseThrow(() -> new LedgerException("channel " + channelId
                    + ": the index has no location for block " + (from - 1)));
        }
        try {
            files.forEachFrom(start, (location, block) -> {
                if (block.getHeader().getNumber() < from) {
                    return;
                }
                byte[] flags = block.getMetadata().getMetadata(FILTER).toByteArray();
                MvccValidator.Outcome outcome;
                try {
                    outcome = mvcc.validate(block, flags);
                } catch (LedgerStoreException | UnsupportedRangeQueryException e) {
                    throw new IOException("replaying block " + block.getHeader().getNumber() + ": " + e.getMessage(), e);
                }
                if (!Arrays.equals(outcome.flags(), flags)) {
                    throw new IOException("replaying block " + block.getHeader().getNumber()
                            + " gives different verdicts than the stored TRANSACTIONS_FILTER");
                }
                try {
                    writeDerived(block, location, BlockSerialization.serialize(block), outcome);
                } catch (LedgerException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        } catch (IOException | BlockFileException e) {
            throw new LedgerException("channel " + channelId + ": recovery failed: " + e.getMessage(), e);
        }
    }

    private static Tip tipAfter(Block block) {
        ByteString commitHash = ByteString.EMPTY;
        if (block.getMetadata().getMetadataCount() > COMMIT_HASH && !block.getMetadata().getMetadata(COMMIT_HASH).isEmpty()) {
            try {
                commitHash = Metadata.parseFrom(block.getMetadata().getMetadata(COMMIT_HASH)).getValue();
            } catch (InvalidProtocolBufferException e) {
                commitHash = ByteString.EMPTY;
            }
        }
        return new Tip(block.getHeader().getNumber() + 1, BlockHashes.headerHash(block.getHeader()),
                block.getHeader().getPreviousHash(), commitHash);
    }

    private Optional<Long> checkpoint() throws LedgerException {
        return checkpoint(store);
    }

    // ---- queries (Fabric's QSCC) ----

    public Optional<Block> blockByNumber(long number) throws LedgerException {
        return blockByNumber(store, number);
    }

    public Optional<Block> blockByHash(ByteString headerHash) throws LedgerException {
        Optional<byte[]> number = read(IndexKeys.blockHash(headerHash));
        return number.isEmpty() ? Optional.empty()
                : blockByNumber(Keys.readOrderPreserving(number.get(), 0, new int[1]));
    }

    public Optional<Block> blockByTxId(String txId) throws LedgerException {
        Optional<IndexKeys.TxEntry> entry = txEntry(txId);
        return entry.isEmpty() ? Optional.empty() : blockByNumber(entry.get().blockNum());
    }

    /** Whether any transaction with this txid was committed, valid or not (Fabric's duplicate check). */
    public boolean txIdExists(String txId) throws LedgerException {
        return read(IndexKeys.txIdSeen(txId)).isPresent();
    }

    /** The envelope and validation code of the first transaction committed with {@code txId}. */
    public Optional<ProcessedTransaction> transactionById(String txId) throws LedgerException {
        Optional<IndexKeys.TxEntry> entry = txEntry(txId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Envelope envelope = envelopeAt(entry.get().location());
        return Optional.of(ProcessedTransaction.newBuilder().setTransactionEnvelope(envelope)
                .setValidationCode(entry.get().validationCode()).build());
    }

    /** The envelope and validation code of transaction {@code txNum} of block {@code blockNum}. */
    public Optional<ProcessedTransaction> transactionAt(long blockNum, int txNum) throws LedgerException {
        Optional<byte[]> stored = read(IndexKeys.blockTransaction(blockNum, txNum));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        IndexKeys.TxEntry entry = IndexKeys.TxEntry.decode(stored.get());
        return Optional.of(ProcessedTransaction.newBuilder().setTransactionEnvelope(envelopeAt(entry.location()))
                .setValidationCode(entry.validationCode()).build());
    }

    /** Every committed write of a key, oldest first, with its txid, timestamp, value and whether it deleted. */
    public List<KeyModification> history(String namespace, String key) throws LedgerException {
        return history(store, namespace, key);
    }

    /**
     * A consistent read view of the ledger as of now: state, txids and history all at the same block, while
     * commits carry on. Close it when done.
     */
    public LedgerSnapshot snapshot() throws LedgerException {
        LedgerStore.Snapshot snapshot;
        try {
            snapshot = store.snapshot();
        } catch (LedgerStoreException e) {
            throw new LedgerException(e.getMessage(), e);
        }
        return new LedgerSnapshot(this, snapshot);
    }

    List<KeyModification> history(StoreReader reader, String namespace, String key) throws LedgerException {
        byte[] prefix = IndexKeys.historyPrefix(namespace, key);
        List<long[]> positions = new ArrayList<>();
        try {
            reader.scan(prefix, Keys.prefixEnd(prefix), (k, v) -> positions.add(IndexKeys.historyPosition(k, prefix.length)));
        } catch (LedgerStoreException e) {
            throw new LedgerException(e.getMessage(), e);
        }
        List<KeyModification> modifications = new ArrayList<>();
        for (long[] position : positions) {
            Block block = blockByNumber(reader, position[0]).orElseThrow(() -> new LedgerException("history of "
                    + namespace + "/" + key + " refers to block " + position[0] + ", which is not in the ledger"));
            ByteString envelope = block.getData().getData((int) position[1]);
            TransactionHeader header = TransactionHeader.of(envelope).orElseThrow();
            KeyModification.Builder modification = KeyModification.newBuilder().setTxId(header.txId())
                    .setTimestamp(header.timestamp());
            TransactionRwSet.of(envelope).rwset().ifPresent(rwset -> rwset.namespaces().stream()
                    .filter(ns -> ns.name().equals(namespace))
                    .flatMap(ns -> ns.rwset().getWritesList().stream())
                    .filter(write -> write.getKey().equals(key))
                    .reduce((first, second) -> second)
                    .ifPresent((KVWrite write) -> modification.setIsDelete(write.getIsDelete()).setValue(write.getValue())));
            modifications.add(modification.build());
        }
        return modifications;
    }

    boolean isCollectionMember(String namespace, String collection, WorldState view) throws LedgerException {
        try {
            return privateData.membership().isMember(namespace, collection, view);
        } catch (LedgerStoreException e) {
            throw new LedgerException("cannot read the definition of collection " + collection + " of " + namespace
                    + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code reader} records a transaction with this txid. */
    boolean txIdExists(StoreReader reader, String txId) throws LedgerException {
        return read(reader, IndexKeys.txIdSeen(txId)).isPresent();
    }

    /** The checkpoint (last block written into state and indexes) as {@code reader} sees it. */
    Optional<Long> checkpoint(StoreReader reader) throws LedgerException {
        return read(reader, IndexKeys.CHECKPOINT).map(bytes -> Keys.readOrderPreserving(bytes, 0, new int[1]));
    }

    private Optional<Block> blockByNumber(StoreReader reader, long number) throws LedgerException {
        Optional<FileLocation> location = read(reader, IndexKeys.blockNumber(number)).map(IndexKeys::location);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(files.read(location.get()));
        } catch (IOException | BlockFileException e) {
            throw new LedgerException("cannot read block " + number + " of channel " + channelId + ": " + e.getMessage(), e);
        }
    }

    private Optional<IndexKeys.TxEntry> txEntry(String txId) throws LedgerException {
        byte[] prefix = IndexKeys.txIdPrefix(txId);
        IndexKeys.TxEntry[] first = new IndexKeys.TxEntry[1];
        try {
            store.scan(prefix, Keys.prefixEnd(prefix), (k, v) -> {
                first[0] = IndexKeys.TxEntry.decode(v);
                return false;
            });
        } catch (LedgerStoreException e) {
            throw new LedgerException(e.getMessage(), e);
        }
        return Optional.ofNullable(first[0]);
    }

    private Envelope envelopeAt(FileLocation location) throws LedgerException {
        try {
            byte[] bytes = files.readRange(location.fileSuffix(), location.offset(), location.length());
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            return Envelope.parseFrom(in.readBytes());
        } catch (IOException e) {
            throw new LedgerException("cannot read the transaction at " + location + " of channel " + channelId
                    + ": " + e.getMessage(), e);
        }
    }

    private Optional<FileLocation> location(long number) throws LedgerException {
        return read(IndexKeys.blockNumber(number)).map(IndexKeys::location);
    }

    private Optional<byte[]> read(byte[] key) throws LedgerException {
        return read(store, key);
    }

    private static Optional<byte[]> read(StoreReader reader, byte[] key) throws LedgerException {
        try {
            return reader.get(key);
        } catch (LedgerStoreException e) {
            throw new LedgerException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws LedgerException {
        LedgerException failure = null;
        try {
            files.close();
        } catch (IOException e) {
            failure = new LedgerException("closing the block files of " + channelId + " failed: " + e.getMessage(), e);
        }
        try {
            store.close();
        } catch (LedgerStoreException e) {
            failure = new LedgerException(e.getMessage(), e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(BlockFiles files) {
        try {
            files.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing block files failed: " + e.getMessage());
        }
    }

    private static void closeQuietly(LedgerStore store) {
        try {
            store.close();
        } catch (LedgerStoreException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the ledger store failed: " + e.getMessage());
        }
    }
}
