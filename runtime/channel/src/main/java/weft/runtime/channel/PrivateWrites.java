package weft.runtime.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import weft.runtime.ledger.store.Batch;
import weft.runtime.ledger.store.LedgerStore;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * A stop-gap private data store for one channel, until the ledger keeps private data itself: the clear private
 * writes of transactions this peer endorsed are held (in memory) until the transaction commits, and those of
 * valid transactions are then stored (LevelDB beside the channel's ledger), where the simulator and the
 * lifecycle's approved packages read them. What the lifecycle needs — an organisation's approvals in its implicit
 * collection — works; dissemination to other peers, purging and reconciliation do not exist here.
 */
final class PrivateWrites implements AutoCloseable {

    private final LedgerStore store;
    private final Map<String, TxPvtReadWriteSet> pending = new ConcurrentHashMap<>();

    private PrivateWrites(LedgerStore store) {
        this.store = store;
    }

    static PrivateWrites open(Path directory) throws LedgerStoreException {
        return new PrivateWrites(LedgerStore.open(directory));
    }

    /** Keeps the private writes of an endorsed transaction until it commits. */
    void endorsed(String txId, TxPvtReadWriteSet writes) {
        pending.put(txId, writes);
    }

    /** Stores the pending writes of a transaction committed as valid; forgets those of an invalid one. */
    void committed(String txId, boolean valid) throws LedgerStoreException {
        TxPvtReadWriteSet writes = pending.remove(txId);
        if (writes == null || !valid) {
            return;
        }
        Batch batch = new Batch();
        for (NsPvtReadWriteSet namespace : writes.getNsPvtRwsetList()) {
            for (CollectionPvtReadWriteSet collection : namespace.getCollectionPvtRwsetList()) {
                KVRWSet rwset;
                try {
                    rwset = KVRWSet.parseFrom(collection.getRwset());
                } catch (InvalidProtocolBufferException e) {
                    throw new LedgerStoreException("the private writes of " + txId + " do not parse: " + e.getMessage(), e);
                }
                for (KVWrite write : rwset.getWritesList()) {
                    byte[] key = key(namespace.getNamespace(), collection.getCollectionName(), write.getKey());
                    if (write.getIsDelete()) {
                        batch.delete(key);
                    } else {
                        batch.put(key, write.getValue().toByteArray());
                    }
                }
            }
        }
        store.write(batch);
    }

    /** The committed clear value of a private key, if this peer holds it. */
    Optional<ByteString> value(String namespace, String collection, String key) {
        try {
            return store.get(key(namespace, collection, key)).map(ByteString::copyFrom);
        } catch (LedgerStoreException e) {
            throw new IllegalStateException("cannot read private data " + namespace + "/" + collection + "/" + key
                    + ": " + e.getMessage(), e);
        }
    }

    private static byte[] key(String namespace, String collection, String key) {
        return (namespace + '\0' + collection + '\0' + key).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws LedgerStoreException {
        store.close();
    }
}
