package weft.chaincode.testing;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.CompositeKey;
import weft.api.chaincode.KeyModification;
import weft.api.chaincode.KeyValue;
import weft.api.chaincode.Page;
import weft.api.chaincode.QueryResults;
import weft.chaincode.testing.InMemoryLedger.Entry;
import weft.chaincode.testing.InMemoryLedger.RangeRead;
import weft.chaincode.testing.InMemoryLedger.StateKey;

/**
 * A {@link ChaincodeStub} for one transaction against an {@link InMemoryLedger}, with the rules the API documents:
 * reads see committed state and never the transaction's own writes; writes are buffered until {@link #commit()};
 * range queries run in key order and leave composite keys out; paginated queries and writes exclude each other
 * (Fabric allows pagination only in read-only transactions); bad keys fail with {@link ChaincodeException}.
 * <pre>{@code
 * InMemoryStub tx = ledger.newTransaction(alice, "transfer", "asset1", "bob");
 * Response response = chaincode.invoke(tx);
 * assertEquals(TxValidationCode.VALID, tx.commit());
 * }</pre>
 *
 * <p>Reads record the version they saw and range queries their results, so that {@link #commit()} can refuse a
 * transaction whose reads another committed transaction has since changed ({@code MVCC_READ_CONFLICT},
 * {@code PHANTOM_READ_CONFLICT}), as Fabric's validation does. A range query records all its results even if
 * the chaincode iterates only some of them (Fabric records what was iterated), so a phantom can be reported for
 * a key the chaincode never looked at. Queries read committed state when they are made rather than from one
 * snapshot taken at the start. Not thread-safe.
 */
public final class InMemoryStub implements ChaincodeStub {

    private final InMemoryLedger ledger;
    private final Proposal proposal;
    private final String txId;
    private final Instant timestamp;

    private final Map<StateKey, Long> reads = new LinkedHashMap<>();
    private final List<RangeRead> rangeReads = new ArrayList<>();
    private final Map<String, ByteString> writes = new LinkedHashMap<>();
    private final Map<String, ByteString> validationParameters = new LinkedHashMap<>();
    private final Map<String, Map<String, ByteString>> privateWrites = new TreeMap<>();
    private ChaincodeEvent event;
    private String firstWrite;
    private boolean paginated;
    private TxValidationCode outcome;

    InMemoryStub(InMemoryLedger ledger, Proposal proposal, String txId, Instant timestamp) {
        this.ledger = ledger;
        this.proposal = proposal;
        this.txId = txId;
        this.timestamp = timestamp;
    }

    // ---- for tests ----

    /**
     * Validates this transaction against the ledger's current committed state and, when it is valid, applies its
     * writes. Returns Fabric's code: {@code VALID}, {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT}.
     * A stub commits at most once; afterwards every method that reads or writes state fails.
     */
    public TxValidationCode commit() {
        checkOpen();
        outcome = ledger.commit(this);
        return outcome;
    }

    /** The code {@link #commit()} returned; empty before it was called. */
    public Optional<TxValidationCode> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** The public writes so far, in the order made: key to value, an empty value being a delete. */
    public Map<String, ByteString> pendingWrites() {
        return Collections.unmodifiableMap(writes);
    }

    /** The key-level endorsement policies set so far (an empty policy removes one). */
    public Map<String, ByteString> pendingValidationParameters() {
        return Collections.unmodifiableMap(validationParameters);
    }

    /** The writes to one private collection so far. */
    public Map<String, ByteString> pendingPrivateWrites(String collection) {
        return Collections.unmodifiableMap(privateWrites.getOrDefault(collection, Map.of()));
    }

    /** The public keys read so far with the commit that last wrote each ({@code null}: the key did not exist). */
    public Map<String, Long> publicReads() {
        Map<String, Long> result = new LinkedHashMap<>();
        reads.forEach((key, version) -> {
            if (key.collection().isEmpty()) {
                result.put(key.key(), version);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /** The event set by the chaincode, with this transaction's id; empty when none was set. */
    public Optional<ChaincodeEvent> event() {
        return Optional.ofNullable(event);
    }

    Map<StateKey, Long> reads() {
        return reads;
    }

    List<RangeRead> rangeReads() {
        return rangeReads;
    }

    Map<String, Map<String, ByteString>> allPendingPrivateWrites() {
        return privateWrites;
    }

    // ---- the proposal ----

    @Override
    public List<ByteString> args() {
        return proposal.args();
    }

    @Override
    public String function() {
        return proposal.args().isEmpty() ? "" : proposal.args().get(0).toString(StandardCharsets.UTF_8);
    }

    @Override
    public List<String> parameters() {
        return proposal.args().stream().skip(1).map(arg -> arg.toString(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String txId() {
        return txId;
    }

    @Override
    public String channelId() {
        return ledger.channelId();
    }

    @Override
    public Instant txTimestamp() {
        return timestamp;
    }

    @Override
    public ByteString creator() {
        return proposal.creator();
    }

    @Override
    public Map<String, ByteString> transientData() {
        return proposal.transientData();
    }

    @Override
    public boolean isInit() {
        return proposal.init();
    }

    // ---- public state ----

    @Override
    public ByteString getState(String key) {
        checkKey(key);
        Entry entry = read(new StateKey(InMemoryLedger.PUBLIC, key));
        return entry == null ? ByteString.EMPTY : entry.value();
    }

    @Override
    public String getStringState(String key) {
        return getState(key).toString(StandardCharsets.UTF_8);
    }

    @Override
    public void putState(String key, ByteString value) {
        checkKey(key);
        if (value == null) {
            throw new ChaincodeException("value for key '" + printable(key) + "' must not be null");
        }
        checkWrite(key);
        writes.put(key, value);
    }

    @Override
    public void putStringState(String key, String value) {
        if (value == null) {
            throw new ChaincodeException("value for key '" + printable(key) + "' must not be null");
        }
        putState(key, ByteString.copyFromUtf8(value));
    }

    @Override
    public void delState(String key) {
        putState(key, ByteString.EMPTY);
    }

    @Override
    public QueryResults<KeyValue> getStateByRange(String startKey, String endKey) {
        String[] bounds = rangeBounds(startKey, endKey);
        return results(query(bounds[0], bounds[1], true));
    }

    @Override
    public Page getStateByRangeWithPagination(String startKey, String endKey, int pageSize, String bookmark) {
        String[] bounds = rangeBounds(startKey, endKey);
        return page(bounds[0], bounds[1], pageSize, bookmark);
    }

    @Override
    public QueryResults<KeyValue> getStateByPartialCompositeKey(CompositeKey partialKey) {
        String prefix = checkPartialKey(partialKey);
        return results(query(prefix, prefix + KeyOrder.MAX_CHAR, true));
    }

    @Override
    public Page getStateByPartialCompositeKeyWithPagination(CompositeKey partialKey, int pageSize, String bookmark) {
        String prefix = checkPartialKey(partialKey);
        if (bookmark != null && !bookmark.isEmpty() && !bookmark.startsWith(prefix)) {
            throw new ChaincodeException("bookmark '" + printable(bookmark) + "' is not a key of the partial composite key '"
                    + printable(prefix) + "'");
        }
        return page(prefix, prefix + KeyOrder.MAX_CHAR, pageSize, bookmark);
    }

    @Override
    public QueryResults<KeyModification> getHistoryForKey(String key) {
        checkKey(key);
        checkOpen();
        return results(ledger.history(key)); // history is not re-checked at commit, so it records no read
    }

    // ---- key-level endorsement ----

    @Override
    public ByteString getStateValidationParameter(String key) {
        checkKey(key);
        Entry entry = read(new StateKey(InMemoryLedger.PUBLIC, key));
        return entry == null ? ByteString.EMPTY : entry.validationParameter();
    }

    @Override
    public void setStateValidationParameter(String key, ByteString policy) {
        checkKey(key);
        if (policy == null) {
            throw new ChaincodeException("endorsement policy for key '" + printable(key) + "' must not be null");
        }
        checkWrite(key);
        validationParameters.put(key, policy);
    }

    // ---- private data ----

    @Override
    public ByteString getPrivateData(String collection, String key) {
        checkCollection(collection);
        checkKey(key);
        Entry entry = read(new StateKey(collection, key));
        return entry == null ? ByteString.EMPTY : entry.value();
    }

    @Override
    public ByteString getPrivateDataHash(String collection, String key) {
        ByteString value = getPrivateData(collection, key);
        if (value.isEmpty()) {
            return ByteString.EMPTY;
        }
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(value.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void putPrivateData(String collection, String key, ByteString value) {
        checkCollection(collection);
        checkKey(key);
        if (value == null) {
            throw new ChaincodeException("private value for key '" + printable(key) + "' must not be null");
        }
        checkWrite(collection + "/" + key);
        privateWrites.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(key, value);
    }

    @Override
    public void delPrivateData(String collection, String key) {
        putPrivateData(collection, key, ByteString.EMPTY);
    }

    // ---- events ----

    @Override
    public void setEvent(String name, ByteString payload) {
        checkOpen();
        if (name == null || name.isEmpty()) {
            throw new ChaincodeException("event name must not be empty");
        }
        event = ChaincodeEvent.newBuilder().setTxId(txId).setEventName(name)
                .setPayload(payload == null ? ByteString.EMPTY : payload).build();
    }

    // ---- helpers ----

    private Entry read(StateKey key) {
        checkOpen();
        Entry entry = ledger.entry(key);
        reads.putIfAbsent(key, entry == null ? null : entry.version());
        return entry;
    }

    private List<KeyValue> query(String from, String to, boolean record) {
        checkOpen();
        List<KeyValue> results = new ArrayList<>();
        List<Map.Entry<String, Long>> versions = new ArrayList<>();
        ledger.range(from, to).forEach((key, entry) -> {
            results.add(new KeyValue(key, entry.value()));
            versions.add(Map.entry(key, entry.version()));
        });
        if (record) {
            rangeReads.add(new RangeRead(from, to, List.copyOf(versions)));
        }
        return results;
    }

    private Page page(String from, String to, int pageSize, String bookmark) {
        if (pageSize < 1) {
            throw new ChaincodeException("page size must be at least 1, was " + pageSize);
        }
        if (firstWrite != null) {
            throw new ChaincodeException("a paginated query is allowed only in a read-only transaction, and this one"
                    + " has written '" + printable(firstWrite) + "'");
        }
        paginated = true;
        String start = bookmark == null || bookmark.isEmpty() ? from : bookmark;
        if (KeyOrder.INSTANCE.compare(start, from) < 0) {
            throw new ChaincodeException("bookmark '" + printable(bookmark) + "' lies before the start of the range");
        }
        // A paginated query is never re-checked at commit: its transaction cannot be submitted anyway.
        List<KeyValue> all = query(start, to, false);
        if (all.size() <= pageSize) {
            return new Page(all, "");
        }
        return new Page(all.subList(0, pageSize), all.get(pageSize).key());
    }

    private String[] rangeBounds(String startKey, String endKey) {
        String start = startKey == null ? "" : startKey;
        String end = endKey == null ? "" : endKey;
        for (String bound : new String[] {start, end}) {
            if (bound.startsWith(String.valueOf(CompositeKey.NAMESPACE))) {
                throw new ChaincodeException("range query bound '" + printable(bound) + "' starts with U+0000, which only"
                        + " composite keys may; query composite keys with getStateByPartialCompositeKey");
            }
            checkUtf8(bound);
        }
        // Fabric's substitute for an open start: the smallest key that is not composite.
        return new String[] {start.isEmpty() ? "\u0001" : start, end.isEmpty() ? null : end};
    }

    private static String checkPartialKey(CompositeKey partialKey) {
        if (partialKey == null) {
            throw new ChaincodeException("partial composite key must not be null");
        }
        return partialKey.toString();
    }

    private void checkWrite(String key) {
        checkOpen();
        if (paginated) {
            throw new ChaincodeException("cannot write '" + printable(key) + "': this transaction ran a paginated query,"
                    + " and those are allowed only in read-only transactions");
        }
        if (firstWrite == null) {
            firstWrite = key;
        }
    }

    private void checkOpen() {
        if (outcome != null) {
            throw new IllegalStateException("transaction " + txId + " was already committed (" + outcome + ")");
        }
    }

    private static void checkCollection(String collection) {
        if (collection == null || collection.isEmpty()) {
            throw new ChaincodeException("collection name must not be empty");
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new ChaincodeException("key must not be empty");
        }
        checkUtf8(key);
        if (key.charAt(0) == CompositeKey.NAMESPACE) {
            try {
                CompositeKey.parse(key);
            } catch (RuntimeException e) { // parse("\u0000") throws IndexOutOfBoundsException, not IllegalArgumentException
                throw new ChaincodeException("key '" + printable(key) + "' starts with U+0000 but is not a composite key");
            }
        }
    }

    private static void checkUtf8(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ChaincodeException("key '" + printable(key) + "' is not valid UTF-8 (a lone surrogate at " + i + ")");
            }
        }
    }

    private static String printable(String key) {
        return key.replace(CompositeKey.NAMESPACE, '\u2400');
    }

    private static <T> QueryResults<T> results(List<T> items) {
        return new QueryResults<>() {
            private boolean closed;

            @Override
            public Iterator<T> iterator() {
                if (closed) {
                    throw new IllegalStateException("query results were closed");
                }
                return Collections.unmodifiableList(items).iterator();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
