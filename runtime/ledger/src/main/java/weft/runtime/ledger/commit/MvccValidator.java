package weft.runtime.ledger.commit;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.runtime.ledger.state.HashedState;
import weft.runtime.ledger.state.Height;
import weft.runtime.ledger.state.KeyOrder;
import weft.runtime.ledger.state.StateUpdates;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * Fabric's MVCC check, strictly in block order: a valid transaction stays valid only if every key it read still
 * has the version it read — in committed state and not rewritten by an earlier valid transaction of the block —
 * and every range it scanned still yields exactly the keys and versions it saw. Its writes then apply at its
 * height, and later transactions of the block see them.
 */
public final class MvccValidator {

    private static final byte VALID = (byte) TxValidationCode.VALID_VALUE;

    private final WorldState state;

    public MvccValidator(WorldState state) {
        this.state = state;
    }

    /**
     * What MVCC produced for a block: the final flags, the public and hashed state changes, the history entries,
     * and the read-write sets of the valid transactions that touched private-data collections, by transaction
     * number (whose clear private writes the ledger then applies where this peer holds them).
     */
    public record Outcome(byte[] flags, StateUpdates updates, List<Write> history,
                          Map<Integer, TransactionRwSet> privateDataTransactions) {
    }

    /** A key written (or deleted) by a valid transaction, for the history index. */
    public record Write(String namespace, String key, long blockNum, long txNum) {
    }

    /**
     * Validates the transactions still marked valid in {@code flags} and returns the final flags.
     *
     * @throws LedgerStoreException when state cannot be read (the block is then not committed)
     * @throws UnsupportedRangeQueryException for a malformed range-query summary (the block is not committed)
     */
    public Outcome validate(Block block, byte[] flags) throws LedgerStoreException, UnsupportedRangeQueryException {
        byte[] result = flags.clone();
        StateUpdates updates = new StateUpdates();
        List<Write> history = new ArrayList<>();
        Map<Integer, TransactionRwSet> privateDataTransactions = new TreeMap<>();
        long blockNum = block.getHeader().getNumber();
        for (int tx = 0; tx < block.getData().getDataCount(); tx++) {
            if (result[tx] != VALID) {
                continue;
            }
            TransactionRwSet.Parsed parsed = TransactionRwSet.of(block.getData().getData(tx));
            if (parsed.failure() != TxValidationCode.VALID) {
                result[tx] = (byte) parsed.failure().getNumber();
                continue;
            }
            if (parsed.rwset().isEmpty()) {
                continue;
            }
            TxValidationCode code = check(parsed.rwset().get(), updates, blockNum, tx);
            result[tx] = (byte) code.getNumber();
            if (code == TxValidationCode.VALID) {
                apply(parsed.rwset().get(), updates, new Height(blockNum, tx), history);
                if (parsed.rwset().get().namespaces().stream().anyMatch(ns -> !ns.collections().isEmpty())) {
                    privateDataTransactions.put(tx, parsed.rwset().get());
                }
            }
        }
        return new Outcome(result, updates, history, privateDataTransactions);
    }

    private TxValidationCode check(TransactionRwSet rwset, StateUpdates updates, long blockNum, int tx)
            throws LedgerStoreException, UnsupportedRangeQueryException {
        for (TransactionRwSet.Namespace ns : rwset.namespaces()) {
            for (KVRead read : ns.rwset().getReadsList()) {
                if (updates.touches(ns.name(), read.getKey())) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
                Optional<Height> committed = state.get(ns.name(), read.getKey()).map(VersionedValue::version);
                Optional<Height> seen = read.hasVersion() ? Optional.of(Height.of(read.getVersion())) : Optional.empty();
                if (!committed.equals(seen)) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
            }
            for (TransactionRwSet.Collection collection : ns.collections()) {
                String hashedNamespace = HashedState.namespace(ns.name(), collection.name());
                for (KVReadHash read : collection.hashed().getHashedReadsList()) {
                    String key = HashedState.key(read.getKeyHash());
                    if (updates.touches(hashedNamespace, key)) {
                        return TxValidationCode.MVCC_READ_CONFLICT;
                    }
                    Optional<Height> committed = state.get(hashedNamespace, key).map(VersionedValue::version);
                    Optional<Height> seen = read.hasVersion() ? Optional.of(Height.of(read.getVersion())) : Optional.empty();
                    if (!committed.equals(seen)) {
                        return TxValidationCode.MVCC_READ_CONFLICT;
                    }
                }
            }
            for (RangeQueryInfo range : ns.rwset().getRangeQueriesInfoList()) {
                if (range.hasReadsMerkleHashes() && range.getReadsMerkleHashes().getMaxDegree() < 2) {
                    throw new UnsupportedRangeQueryException("transaction " + tx + " of block " + blockNum
                            + " has a range query summary with max degree "
                            + range.getReadsMerkleHashes().getMaxDegree() + "; Fabric requires at least 2");
                }
                if (!sameRange(ns.name(), range, updates)) {
                    return TxValidationCode.PHANTOM_READ_CONFLICT;
                }
            }
        }
        return TxValidationCode.VALID;
    }

    /** Re-runs the range over committed state plus this block's earlier changes and compares key by key. */
    private boolean sameRange(String namespace, RangeQueryInfo range, StateUpdates updates) throws LedgerStoreException {
        // A scan the chaincode stopped early included its last key; an exhausted scan ended before end_key.
        String end = range.getItrExhausted() ? range.getEndKey()
                : range.getEndKey() + "\u0000";
        TreeMap<String, Height> now = new TreeMap<>(KeyOrder.COMPARATOR);
        state.range(namespace, range.getStartKey(), end, (key, value) -> {
            now.put(key, value.version());
            return true;
        });
        for (Map.Entry<StateUpdates.Key, Optional<VersionedValue>> change
                : updates.range(namespace, range.getStartKey(), end).entrySet()) {
            if (change.getValue().isPresent()) {
                now.put(change.getKey().key(), change.getValue().get().version());
            } else {
                now.remove(change.getKey().key());
            }
        }
        if (range.hasReadsMerkleHashes()) {
            RangeQueryMerkle merkle = new RangeQueryMerkle(range.getReadsMerkleHashes().getMaxDegree());
            now.forEach((key, version) -> merkle.add(KVRead.newBuilder().setKey(key).setVersion(version.toVersion()).build()));
            return range.getReadsMerkleHashes().equals(merkle.done());
        }
        List<KVRead> seen = range.getRawReads().getKvReadsList();
        if (seen.size() != now.size()) {
            return false;
        }
        int i = 0;
        for (Map.Entry<String, Height> entry : now.entrySet()) {
            KVRead read = seen.get(i++);
            if (!read.getKey().equals(entry.getKey()) || !read.hasVersion()
                    || !Height.of(read.getVersion()).equals(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Value writes first, then metadata writes, as Fabric applies them; public state, then hashed state. */
    private void apply(TransactionRwSet rwset, StateUpdates updates, Height height, List<Write> history)
            throws LedgerStoreException {
        for (TransactionRwSet.Namespace ns : rwset.namespaces()) {
            for (TransactionRwSet.Collection collection : ns.collections()) {
                applyHashed(HashedState.namespace(ns.name(), collection.name()), collection.hashed(), updates, height);
            }
            for (KVWrite write : ns.rwset().getWritesList()) {
                if (write.getIsDelete()) {
                    updates.delete(ns.name(), write.getKey());
                } else {
                    Map<String, ByteString> metadata = current(ns.name(), write.getKey(), updates)
                            .map(VersionedValue::metadata).orElse(Map.of());
                    updates.put(ns.name(), write.getKey(), new VersionedValue(write.getValue(), height, metadata));
                }
                history.add(new Write(ns.name(), write.getKey(), height.blockNum(), height.txNum()));
            }
            for (KVMetadataWrite write : ns.rwset().getMetadataWritesList()) {
                Optional<VersionedValue> existing = current(ns.name(), write.getKey(), updates);
                if (existing.isEmpty()) {
                    continue; // metadata of a missing key is not stored
                }
                Map<String, ByteString> metadata = new TreeMap<>();
                for (KVMetadataEntry entry : write.getEntriesList()) {
                    metadata.put(entry.getName(), entry.getValue());
                }
                updates.put(ns.name(), write.getKey(), new VersionedValue(existing.get().value(), height, metadata));
            }
        }
    }

    /** The public side of private data: key hashes with value hashes, versioned like public state. */
    private void applyHashed(String namespace, HashedRWSet hashed, StateUpdates updates, Height height)
            throws LedgerStoreException {
        for (KVWriteHash write : hashed.getHashedWritesList()) {
            String key = HashedState.key(write.getKeyHash());
            if (write.getIsDelete()) {
                updates.delete(namespace, key);
            } else {
                Map<String, ByteString> metadata = current(namespace, key, updates)
                        .map(VersionedValue::metadata).orElse(Map.of());
                updates.put(namespace, key, new VersionedValue(write.getValueHash(), height, metadata));
            }
        }
        for (KVMetadataWriteHash write : hashed.getMetadataWritesList()) {
            String key = HashedState.key(write.getKeyHash());
            Optional<VersionedValue> existing = current(namespace, key, updates);
            if (existing.isEmpty()) {
                continue;
            }
            Map<String, ByteString> metadata = new TreeMap<>();
            for (KVMetadataEntry entry : write.getEntriesList()) {
                metadata.put(entry.getName(), entry.getValue());
            }
            updates.put(namespace, key, new VersionedValue(existing.get().value(), height, metadata));
        }
    }

    private Optional<VersionedValue> current(String namespace, String key, StateUpdates updates)
            throws LedgerStoreException {
        Optional<Optional<VersionedValue>> changed = updates.lookup(namespace, key);
        return changed.isPresent() ? changed.get() : state.get(namespace, key);
    }
}
