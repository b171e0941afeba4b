package weft.runtime.ledger.pvtdata;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import weft.runtime.ledger.block.Sha256;
import weft.runtime.ledger.commit.TransactionRwSet;
import weft.runtime.ledger.state.Height;
import weft.runtime.ledger.state.PrivateState;
import weft.runtime.ledger.state.StateUpdates;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStoreException;
import weft.runtime.ledger.store.StoreReader;

/**
 * Turns a committed block's private data into private state changes, as Fabric's private-data coordinator and
 * ledger do together: for each valid transaction and each collection it wrote that this peer is a member of, the
 * clear write set is taken from the transient store, checked — SHA-256 of its bytes equals the transaction's
 * {@code pvt_rwset_hash}, and each clear write's key and value hash to one of the transaction's hashed writes,
 * all of them accounted for — and applied at the transaction's height. Anything absent or not matching is
 * recorded as missing and logged; it never changes a transaction's validity.
 */
public final class PrivateStateUpdater {

    private static final System.Logger LOG = System.getLogger(PrivateStateUpdater.class.getName());

    /** The private state changes of a block, and what this peer should have held but did not. */
    public record Outcome(StateUpdates updates, List<MissingPrivateData> missing) {
    }

    private record CollectionKey(String namespace, String collection) {
    }

    private final CollectionMembership membership;
    private final WorldState committed;
    private final TransientStore transients;
    private final StoreReader reader;

    /**
     * @param committed  state as of before the block (collection definitions are read from it)
     * @param reader     what the transient store is read through
     */
    public PrivateStateUpdater(CollectionMembership membership, WorldState committed, TransientStore transients,
                               StoreReader reader) {
        this.membership = membership;
        this.committed = committed;
        this.transients = transients;
        this.reader = reader;
    }

    /**
     * @param transactions the valid transactions that touched collections, by number, with their rwsets
     * @param txIds        the txid of each transaction of the block, by number ("" when it has none)
     */
    public Outcome apply(long blockNum, Map<Integer, TransactionRwSet> transactions, List<String> txIds)
            throws LedgerStoreException {
        StateUpdates updates = new StateUpdates();
        List<MissingPrivateData> missing = new ArrayList<>();
        Map<CollectionKey, Boolean> members = new HashMap<>();
        for (Map.Entry<Integer, TransactionRwSet> tx : transactions.entrySet()) {
            int txNum = tx.getKey();
            List<TransientEntry> entries = null;
            for (TransactionRwSet.Namespace ns : tx.getValue().namespaces()) {
                for (TransactionRwSet.Collection collection : ns.collections()) {
                    if (collection.pvtRwSetHash().isEmpty() && collection.hashed().getHashedWritesCount() == 0) {
                        continue; // only reads: no clear writes to hold
                    }
                    CollectionKey key = new CollectionKey(ns.name(), collection.name());
                    Boolean member = members.get(key);
                    if (member == null) {
                        member = membership.isMember(ns.name(), collection.name(), committed);
                        members.put(key, member);
                    }
                    if (!member) {
                        continue;
                    }
                    if (entries == null) {
                        String txId = txIds.get(txNum);
                        entries = txId.isEmpty() ? List.of() : transients.entries(reader, txId);
                    }
                    Optional<String> problem = applyCollection(ns.name(), collection, entries, updates,
                            new Height(blockNum, txNum));
                    if (problem.isPresent()) {
                        MissingPrivateData gap = new MissingPrivateData(blockNum, txNum, ns.name(), collection.name(),
                                problem.get());
                        LOG.log(System.Logger.Level.WARNING, "block {0} transaction {1}: private data of collection"
                                + " {2} of {3} is missing on this peer: {4}", blockNum, txNum, collection.name(),
                                ns.name(), problem.get());
                        missing.add(gap);
                    }
                }
            }
        }
        return new Outcome(updates, missing);
    }

    /** Applies one collection's clear writes; returns why it could not. */
    private static Optional<String> applyCollection(String namespace, TransactionRwSet.Collection collection,
                                                    List<TransientEntry> entries, StateUpdates updates, Height height) {
        if (collection.pvtRwSetHash().isEmpty()) {
            return Optional.of("the transaction has hashed writes but no private write set hash");
        }
        boolean offered = false;
        String mismatch = null;
        for (TransientEntry entry : entries) {
            for (NsPvtReadWriteSet ns : entry.privateWrites().getNsPvtRwsetList()) {
                if (!ns.getNamespace().equals(namespace)) {
                    continue;
                }
                for (CollectionPvtReadWriteSet clear : ns.getCollectionPvtRwsetList()) {
                    if (!clear.getCollectionName().equals(collection.name())) {
                        continue;
                    }
                    offered = true;
                    if (!Sha256.of(clear.getRwset()).equals(collection.pvtRwSetHash())) {
                        mismatch = "the transient store's private write set does not hash to the transaction's"
                                + " pvt_rwset_hash";
                        continue;
                    }
                    Optional<KVRWSet> writes = matchingWrites(clear.getRwset(), collection);
                    if (writes.isEmpty()) {
                        mismatch = "the private write set's keys or values do not hash to the transaction's hashed writes";
                        continue;
                    }
                    String privateNamespace = PrivateState.namespace(namespace, collection.name());
                    for (KVWrite write : writes.get().getWritesList()) {
                        if (write.getIsDelete()) {
                            updates.delete(privateNamespace, write.getKey());
                        } else {
                            updates.put(privateNamespace, write.getKey(), new VersionedValue(write.getValue(), height,
                                    Map.of()));
                        }
                    }
                    return Optional.empty();
                }
            }
        }
        if (!offered) {
            return Optional.of("no private write set for it in the transient store (not endorsed here, or purged)");
        }
        return Optional.of(mismatch);
    }

    /** The clear writes, if each matches one hashed write and every hashed write (but purges) is matched. */
    private static Optional<KVRWSet> matchingWrites(ByteString rwset, TransactionRwSet.Collection collection) {
        KVRWSet clear;
        try {
            clear = KVRWSet.parseFrom(rwset);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
        Map<ByteString, KVWriteHash> hashed = new HashMap<>();
        for (KVWriteHash write : collection.hashed().getHashedWritesList()) {
            hashed.put(write.getKeyHash(), write);
        }
        for (KVWrite write : clear.getWritesList()) {
            KVWriteHash expected = hashed.remove(Sha256.ofKey(write.getKey()));
            if (expected == null || expected.getIsDelete() != write.getIsDelete()) {
                return Optional.empty();
            }
            if (!write.getIsDelete() && !expected.getValueHash().equals(Sha256.of(write.getValue()))) {
                return Optional.empty();
            }
        }
        for (KVWriteHash left : hashed.values()) {
            if (!left.getIsPurge()) {
                return Optional.empty();
            }
        }
        return Optional.of(clear);
    }

}
