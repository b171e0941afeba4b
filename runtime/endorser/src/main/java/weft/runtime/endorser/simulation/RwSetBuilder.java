package weft.runtime.endorser.simulation;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import weft.runtime.ledger.block.Sha256;
import weft.runtime.ledger.state.Height;
import weft.runtime.ledger.state.KeyOrder;

/**
 * Collects one transaction's reads and writes and lays them out as Fabric's rwset builder does: namespaces,
 * keys, metadata writes and collections sorted by their bytes (Go's string order), hashed reads and writes
 * sorted by their clear key, range queries in the order they were made (a repeat of the same range, bounds and
 * exhaustion recorded once), and each collection's private write set hashed into its public entry. A key's last
 * write wins.
 */
final class RwSetBuilder {

    /** The range-query identity Fabric de-duplicates on. */
    private record RangeKey(String start, String end, boolean exhausted) {
    }

    private static final class Namespace {
        final Map<String, KVRead> reads = new TreeMap<>(KeyOrder.COMPARATOR);
        final Map<String, KVWrite> writes = new TreeMap<>(KeyOrder.COMPARATOR);
        final Map<String, KVMetadataWrite> metadataWrites = new TreeMap<>(KeyOrder.COMPARATOR);
        final Map<RangeKey, RangeQueryInfo> ranges = new LinkedHashMap<>();
        final Map<String, Collection> collections = new TreeMap<>(KeyOrder.COMPARATOR);
    }

    private static final class Collection {
        final Map<String, KVReadHash> hashedReads = new TreeMap<>(KeyOrder.COMPARATOR);
        final Map<String, KVWriteHash> hashedWrites = new TreeMap<>(KeyOrder.COMPARATOR);
        final Map<String, KVWrite> privateWrites = new TreeMap<>(KeyOrder.COMPARATOR);
    }

    private final Map<String, Namespace> namespaces = new TreeMap<>(KeyOrder.COMPARATOR);

    void read(String namespace, String key, Optional<Height> version) {
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        version.ifPresent(v -> read.setVersion(v.toVersion()));
        namespace(namespace).reads.put(key, read.build());
    }

    /** An empty value is a delete, as in Fabric. */
    void write(String namespace, String key, ByteString value) {
        namespace(namespace).writes.put(key, write(key, value));
    }

    /** Replaces the key's metadata with {@code entries} (sorted by name); no entries deletes it. */
    void metadataWrite(String namespace, String key, Map<String, ByteString> entries) {
        KVMetadataWrite.Builder write = KVMetadataWrite.newBuilder().setKey(key);
        new TreeMap<>(entries).forEach((name, value) ->
                write.addEntries(KVMetadataEntry.newBuilder().setName(name).setValue(value)));
        namespace(namespace).metadataWrites.put(key, write.build());
    }

    void rangeQuery(String namespace, RangeQueryInfo info) {
        namespace(namespace).ranges.putIfAbsent(new RangeKey(info.getStartKey(), info.getEndKey(),
                info.getItrExhausted()), info);
    }

    void hashedRead(String namespace, String collection, String key, Optional<Height> version) {
        KVReadHash.Builder read = KVReadHash.newBuilder().setKeyHash(Sha256.ofKey(key));
        version.ifPresent(v -> read.setVersion(v.toVersion()));
        collection(namespace, collection).hashedReads.put(key, read.build());
    }

    void privateWrite(String namespace, String collection, String key, ByteString value) {
        KVWrite write = write(key, value);
        KVWriteHash.Builder hashed = KVWriteHash.newBuilder().setKeyHash(Sha256.ofKey(key))
                .setIsDelete(write.getIsDelete());
        if (!write.getIsDelete()) {
            hashed.setValueHash(Sha256.of(value));
        }
        Collection target = collection(namespace, collection);
        target.privateWrites.put(key, write);
        target.hashedWrites.put(key, hashed.build());
    }

    SimulationResults build() {
        TxReadWriteSet.Builder publicSet = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        TxPvtReadWriteSet.Builder privateSet = TxPvtReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        for (Map.Entry<String, Namespace> entry : namespaces.entrySet()) {
            Namespace ns = entry.getValue();
            KVRWSet kv = KVRWSet.newBuilder().addAllReads(ns.reads.values()).addAllRangeQueriesInfo(ns.ranges.values())
                    .addAllWrites(ns.writes.values()).addAllMetadataWrites(ns.metadataWrites.values()).build();
            NsReadWriteSet.Builder nsSet = NsReadWriteSet.newBuilder().setNamespace(entry.getKey())
                    .setRwset(kv.toByteString());
            NsPvtReadWriteSet.Builder nsPrivate = NsPvtReadWriteSet.newBuilder().setNamespace(entry.getKey());
            for (Map.Entry<String, Collection> c : ns.collections.entrySet()) {
                Collection collection = c.getValue();
                CollectionHashedReadWriteSet.Builder hashed = CollectionHashedReadWriteSet.newBuilder()
                        .setCollectionName(c.getKey())
                        .setHashedRwset(HashedRWSet.newBuilder().addAllHashedReads(collection.hashedReads.values())
                                .addAllHashedWrites(collection.hashedWrites.values()).build().toByteString());
                if (!collection.privateWrites.isEmpty()) {
                    ByteString privateRwSet = KVRWSet.newBuilder().addAllWrites(collection.privateWrites.values())
                            .build().toByteString();
                    nsPrivate.addCollectionPvtRwset(CollectionPvtReadWriteSet.newBuilder()
                            .setCollectionName(c.getKey()).setRwset(privateRwSet));
                    hashed.setPvtRwsetHash(Sha256.of(privateRwSet));
                }
                nsSet.addCollectionHashedRwset(hashed);
            }
            publicSet.addNsRwset(nsSet);
            if (nsPrivate.getCollectionPvtRwsetCount() > 0) {
                privateSet.addNsPvtRwset(nsPrivate);
            }
        }
        return new SimulationResults(publicSet.build(), privateSet.getNsPvtRwsetCount() == 0 ? Optional.empty()
                : Optional.of(privateSet.build()));
    }

    /** Whether anything was written (values, deletes, metadata, private data). */
    boolean hasWrites() {
        for (Namespace ns : namespaces.values()) {
            if (!ns.writes.isEmpty() || !ns.metadataWrites.isEmpty()) {
                return true;
            }
            for (Collection collection : ns.collections.values()) {
                if (!collection.privateWrites.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private Namespace namespace(String name) {
        return namespaces.computeIfAbsent(name, n -> new Namespace());
    }

    private Collection collection(String namespace, String name) {
        return namespace(namespace).collections.computeIfAbsent(name, n -> new Collection());
    }

    private static KVWrite write(String key, ByteString value) {
        KVWrite.Builder write = KVWrite.newBuilder().setKey(key);
        if (value.isEmpty()) {
            write.setIsDelete(true);
        } else {
            write.setValue(value);
        }
        return write.build();
    }

}
