package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.CompositeKey;
import weft.api.chaincode.KeyModification;
import weft.api.chaincode.KeyValue;
import weft.api.chaincode.Page;
import weft.api.chaincode.QueryResults;

/**
 * An in-memory stub with the API's semantics: reads see committed state only (never this invocation's writes),
 * writes are buffered until {@link #commit}, private data has hashes every peer can read. It records which keys
 * were read so tests can compare read sets with Fabric's.
 */
final class MemoryStub implements ChaincodeStub {

    private final MemoryLedger ledger;
    private final String channelId;
    private final List<ByteString> args;

    final TreeSet<String> reads = new TreeSet<>();
    final Map<String, TreeSet<String>> privateReads = new TreeMap<>();
    /** Buffered public writes; an empty value is a delete. */
    final TreeMap<String, ByteString> writes = new TreeMap<>();
    /** Buffered private writes by collection; an empty value is a delete. */
    final Map<String, TreeMap<String, ByteString>> privateWrites = new TreeMap<>();

    MemoryStub(MemoryLedger ledger, String channelId, List<ByteString> args) {
        this.ledger = ledger;
        this.channelId = channelId;
        this.args = List.copyOf(args);
    }

    static MemoryStub of(MemoryLedger ledger, String channelId, String function, ByteString input) {
        return new MemoryStub(ledger, channelId, List.of(ByteString.copyFromUtf8(function), input));
    }

    /** Applies the buffered writes to the ledger, as a valid transaction's commit would. */
    void commit() {
        writes.forEach(ledger::putPublic);
        privateWrites.forEach((collection, kvs) -> kvs.forEach((k, v) -> ledger.putPrivate(collection, k, v)));
    }

    @Override
    public List<ByteString> args() {
        return args;
    }

    @Override
    public String function() {
        return args.isEmpty() ? "" : args.get(0).toStringUtf8();
    }

    @Override
    public List<String> parameters() {
        return args.stream().skip(1).map(ByteString::toStringUtf8).toList();
    }

    @Override
    public String txId() {
        return "tx";
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public Instant txTimestamp() {
        return Instant.EPOCH;
    }

    @Override
    public ByteString creator() {
        return ByteString.EMPTY;
    }

    @Override
    public Map<String, ByteString> transientData() {
        return Map.of();
    }

    @Override
    public boolean isInit() {
        return false;
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new ChaincodeException("key must not be empty");
        }
    }

    @Override
    public ByteString getState(String key) {
        checkKey(key);
        reads.add(key);
        return ledger.get(key);
    }

    @Override
    public String getStringState(String key) {
        return getState(key).toString(StandardCharsets.UTF_8);
    }

    @Override
    public void putState(String key, ByteString value) {
        checkKey(key);
        writes.put(key, value);
    }

    @Override
    public void putStringState(String key, String value) {
        putState(key, ByteString.copyFromUtf8(value));
    }

    @Override
    public void delState(String key) {
        checkKey(key);
        writes.put(key, ByteString.EMPTY);
    }

    @Override
    public QueryResults<KeyValue> getStateByRange(String startKey, String endKey) {
        List<KeyValue> result = new ArrayList<>();
        ledger.publicState.forEach((k, v) -> {
            if (k.compareTo(startKey) >= 0 && (endKey.isEmpty() || k.compareTo(endKey) < 0)) {
                result.add(new KeyValue(k, v));
            }
        });
        return new QueryResults<>() {
            @Override
            public Iterator<KeyValue> iterator() {
                return result.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Page getStateByRangeWithPagination(String startKey, String endKey, int pageSize, String bookmark) {
        throw new UnsupportedOperationException("the _lifecycle chaincode does not use this");
    }

    @Override
    public QueryResults<KeyValue> getStateByPartialCompositeKey(CompositeKey partialKey) {
        throw new UnsupportedOperationException("the _lifecycle chaincode does not use this");
    }

    @Override
    public Page getStateByPartialCompositeKeyWithPagination(CompositeKey partialKey, int pageSize, String bookmark) {
        throw new UnsupportedOperationException("the _lifecycle chaincode does not use this");
    }

    @Override
    public QueryResults<KeyModification> getHistoryForKey(String key) {
        throw new UnsupportedOperationException("the _lifecycle chaincode does not use this");
    }

    @Override
    public ByteString getStateValidationParameter(String key) {
        throw new UnsupportedOperationException("the _lifecycle chaincode does not use this");
    }

    @Override
    public void setStateValidationParameter(String key, ByteString policy) {
        throw new UnsupportedOperationException("the _lifecycle chaincode does not use this");
    }

    @Override
    public ByteString getPrivateData(String collection, String key) {
        checkKey(key);
        privateReads.computeIfAbsent(collection, c -> new TreeSet<>()).add(key);
        return ledger.privateValue(collection, key);
    }

    @Override
    public ByteString getPrivateDataHash(String collection, String key) {
        checkKey(key);
        privateReads.computeIfAbsent(collection, c -> new TreeSet<>()).add(key);
        return ledger.privateHash(collection, key);
    }

    @Override
    public void putPrivateData(String collection, String key, ByteString value) {
        checkKey(key);
        privateWrites.computeIfAbsent(collection, c -> new TreeMap<>()).put(key, value);
    }

    @Override
    public void delPrivateData(String collection, String key) {
        checkKey(key);
        privateWrites.computeIfAbsent(collection, c -> new TreeMap<>()).put(key, ByteString.EMPTY);
    }

    @Override
    public void setEvent(String name, ByteString payload) {
        throw new UnsupportedOperationException("the _lifecycle chaincode does not use this");
    }

    Set<String> privateReadKeys(String collection) {
        return privateReads.getOrDefault(collection, new TreeSet<>());
    }
}
