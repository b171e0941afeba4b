package weft.runtime.endorser.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.CompositeKey;
import weft.api.chaincode.KeyModification;
import weft.api.chaincode.KeyValue;
import weft.api.chaincode.Page;
import weft.api.chaincode.QueryResults;
import weft.runtime.endorser.simulation.RangeScan;
import weft.runtime.endorser.simulation.SimulationException;
import weft.runtime.endorser.simulation.StateEntry;
import weft.runtime.endorser.simulation.TxSimulator;
import weft.runtime.ledger.state.VersionedValue;

/**
 * The chaincode stub of one invocation: the proposal's arguments and context, and state access through the
 * transaction simulator in the chaincode's own namespace. Checks keys as Fabric's shim does and turns every
 * refusal into a {@link ChaincodeException} naming the problem.
 */
public final class SimulatorStub implements ChaincodeStub {

    /** Fabric's shim starts an open simple-key range here, after every composite key. */
    static final String FIRST_SIMPLE_KEY = "\u0001";
    static final String MAX_UNICODE = new String(Character.toChars(0x10FFFF));

    private final ProposalContext proposal;
    private final String namespace;
    private final TxSimulator simulator;
    private final Predicate<String> collectionDefined;
    private ChaincodeEvent event;

    /** @param collectionDefined whether the chaincode's definition has a private data collection of that name */
    public SimulatorStub(ProposalContext proposal, String namespace, TxSimulator simulator,
                         Predicate<String> collectionDefined) {
        this.proposal = proposal;
        this.namespace = namespace;
        this.simulator = simulator;
        this.collectionDefined = collectionDefined;
    }

    /** The event the chaincode set, completed with the chaincode name and txid as Fabric's peer does. */
    public Optional<ChaincodeEvent> event() {
        return Optional.ofNullable(event);
    }

    // ---- the proposal ----

    @Override
    public List<ByteString> args() {
        return proposal.args();
    }

    @Override
    public String function() {
        return proposal.args().isEmpty() ? "" : proposal.args().get(0).toStringUtf8();
    }

    @Override
    public List<String> parameters() {
        List<String> parameters = new ArrayList<>();
        for (int i = 1; i < proposal.args().size(); i++) {
            parameters.add(proposal.args().get(i).toStringUtf8());
        }
        return parameters;
    }

    @Override
    public String txId() {
        return proposal.txId();
    }

    @Override
    public String channelId() {
        return proposal.channelId();
    }

    @Override
    public Instant txTimestamp() {
        return proposal.timestamp();
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
        return proposal.isInit();
    }

    // ---- public state ----

    @Override
    public ByteString getState(String key) {
        checkKey(key);
        return run(() -> simulator.getState(namespace, key).map(VersionedValue::value).orElse(ByteString.EMPTY));
    }

    @Override
    public String getStringState(String key) {
        return getState(key).toStringUtf8();
    }

    @Override
    public void putState(String key, ByteString value) {
        checkKey(key);
        if (value == null) {
            throw new ChaincodeException("the value of key '" + printable(key) + "' is null; use delState to delete");
        }
        run(() -> {
            simulator.putState(namespace, key, value);
            return null;
        });
    }

    @Override
    public void putStringState(String key, String value) {
        putState(key, value == null ? null : ByteString.copyFromUtf8(value));
    }

    @Override
    public void delState(String key) {
        checkKey(key);
        run(() -> {
            simulator.deleteState(namespace, key);
            return null;
        });
    }

    @Override
    public QueryResults<KeyValue> getStateByRange(String startKey, String endKey) {
        String[] range = simpleRange(startKey, endKey);
        return run(() -> new ScanResults(simulator.getStateRange(namespace, range[0], range[1])));
    }

    @Override
    public Page getStateByRangeWithPagination(String startKey, String endKey, int pageSize, String bookmark) {
        String[] range = simpleRange(startKey, endKey);
        return page(bookmark == null || bookmark.isEmpty() ? range[0] : bookmark, range[1], pageSize);
    }

    @Override
    public QueryResults<KeyValue> getStateByPartialCompositeKey(CompositeKey partialKey) {
        String start = checkPartial(partialKey);
        return run(() -> new ScanResults(simulator.getStateRange(namespace, start, start + MAX_UNICODE)));
    }

    @Override
    public Page getStateByPartialCompositeKeyWithPagination(CompositeKey partialKey, int pageSize, String bookmark) {
        String start = checkPartial(partialKey);
        return page(bookmark == null || bookmark.isEmpty() ? start : bookmark, start + MAX_UNICODE, pageSize);
    }

    private Page page(String start, String end, int pageSize) {
        if (pageSize <= 0) {
            throw new ChaincodeException("the page size must be positive, was " + pageSize);
        }
        TxSimulator.RangePage page = run(() -> simulator.getStateRangePage(namespace, start, end, pageSize));
        List<KeyValue> entries = new ArrayList<>(page.entries().size());
        for (StateEntry entry : page.entries()) {
            entries.add(new KeyValue(entry.key(), entry.value()));
        }
        return new Page(entries, page.nextStartKey());
    }

    @Override
    public QueryResults<KeyModification> getHistoryForKey(String key) {
        checkKey(key);
        List<KeyModification> history = new ArrayList<>();
        for (org.hyperledger.fabric.protos.ledger.queryresult.KeyModification m
                : run(() -> simulator.getHistory(namespace, key))) {
            Timestamp t = m.getTimestamp();
            history.add(new KeyModification(m.getTxId(), Instant.ofEpochSecond(t.getSeconds(), t.getNanos()),
                    m.getValue(), m.getIsDelete()));
        }
        return new ListResults<>(history);
    }

    // ---- key-level endorsement ----

    @Override
    public ByteString getStateValidationParameter(String key) {
        checkKey(key);
        return run(() -> simulator.getStateMetadata(namespace, key)
                .getOrDefault(TxSimulator.VALIDATION_PARAMETER, ByteString.EMPTY));
    }

    @Override
    public void setStateValidationParameter(String key, ByteString policy) {
        checkKey(key);
        ByteString value = policy == null ? ByteString.EMPTY : policy;
        run(() -> {
            simulator.setStateMetadata(namespace, key, Map.of(TxSimulator.VALIDATION_PARAMETER, value));
            return null;
        });
    }

    // ---- private data ----

    @Override
    public ByteString getPrivateData(String collection, String key) {
        checkPrivate(collection, key);
        return run(() -> simulator.getPrivateData(namespace, collection, key).orElse(ByteString.EMPTY));
    }

    @Override
    public ByteString getPrivateDataHash(String collection, String key) {
        checkPrivate(collection, key);
        return run(() -> simulator.getPrivateDataHash(namespace, collection, key).orElse(ByteString.EMPTY));
    }

    @Override
    public void putPrivateData(String collection, String key, ByteString value) {
        checkPrivate(collection, key);
        if (value == null || value.isEmpty()) {
            throw new ChaincodeException("the private value of key '" + printable(key) + "' in collection "
                    + collection + " is empty; use delPrivateData to delete");
        }
        run(() -> {
            simulator.putPrivateData(namespace, collection, key, value);
            return null;
        });
    }

    @Override
    public void delPrivateData(String collection, String key) {
        checkPrivate(collection, key);
        run(() -> {
            simulator.deletePrivateData(namespace, collection, key);
            return null;
        });
    }

    // ---- events ----

    @Override
    public void setEvent(String name, ByteString payload) {
        if (name == null || name.isEmpty()) {
            throw new ChaincodeException("the event name must not be empty");
        }
        event = ChaincodeEvent.newBuilder().setChaincodeId(namespace).setTxId(proposal.txId()).setEventName(name)
                .setPayload(payload == null ? ByteString.EMPTY : payload).build();
    }

    // ---- checks ----

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new ChaincodeException("a key must not be empty");
        }
        checkWellFormed(key);
        if (key.charAt(0) == CompositeKey.NAMESPACE) {
            try {
                CompositeKey.parse(key);
            } catch (IllegalArgumentException e) {
                throw new ChaincodeException("key '" + printable(key) + "' starts with U+0000, which only composite"
                        + " keys may: " + e.getMessage());
            }
        }
    }

    private static void checkWellFormed(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ChaincodeException("key '" + printable(key) + "' is not valid UTF-8: it has an unpaired"
                        + " surrogate at index " + i);
            }
        }
    }

    /** Fabric's shim: simple-key bounds may not be composite; an open start begins after the composite keys. */
    private static String[] simpleRange(String startKey, String endKey) {
        String start = startKey == null ? "" : startKey;
        String end = endKey == null ? "" : endKey;
        for (String bound : new String[] {start, end}) {
            checkWellFormed(bound);
            if (!bound.isEmpty() && bound.charAt(0) == CompositeKey.NAMESPACE) {
                throw new ChaincodeException("range bound '" + printable(bound) + "' is a composite key; use"
                        + " getStateByPartialCompositeKey for composite keys");
            }
        }
        return new String[] {start.isEmpty() ? FIRST_SIMPLE_KEY : start, end};
    }

    private static String checkPartial(CompositeKey partialKey) {
        if (partialKey == null) {
            throw new ChaincodeException("the partial composite key must not be null");
        }
        return partialKey.toString();
    }

    private void checkPrivate(String collection, String key) {
        if (collection == null || collection.isEmpty()) {
            throw new ChaincodeException("the collection name must not be empty");
        }
        if (!collectionDefined.test(collection)) {
            throw new ChaincodeException("collection " + collection + " is not defined for chaincode " + namespace);
        }
        checkKey(key);
    }

    static String printable(String key) {
        return key.replace(CompositeKey.NAMESPACE, '\u2400');
    }

    private interface Step<T> {
        T run();
    }

    /** Simulator refusals and ledger failures reach the chaincode as ChaincodeException, as the API promises. */
    private static <T> T run(Step<T> step) {
        try {
            return step.run();
        } catch (SimulationException e) {
            throw new ChaincodeException(e.getMessage(), e);
        }
    }

    /** Results already in memory. */
    private static final class ListResults<T> implements QueryResults<T> {
        private final List<T> items;

        ListResults(List<T> items) {
            this.items = Collections.unmodifiableList(items);
        }

        @Override
        public Iterator<T> iterator() {
            return items.iterator();
        }

        @Override
        public void close() {
        }
    }

    /** A range scan read as the chaincode iterates. */
    private static final class ScanResults implements QueryResults<KeyValue> {
        private final RangeScan scan;

        ScanResults(RangeScan scan) {
            this.scan = scan;
        }

        @Override
        public Iterator<KeyValue> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return run(scan::hasNext);
                }

                @Override
                public KeyValue next() {
                    StateEntry entry = run(scan::next);
                    return new KeyValue(entry.key(), entry.value());
                }
            };
        }

        @Override
        public void close() {
            scan.close();
        }
    }
}
