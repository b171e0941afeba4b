package weft.runtime.endorser.simulation;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import weft.runtime.ledger.block.Sha256;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.LedgerSnapshot;
import weft.runtime.ledger.state.HashedState;
import weft.runtime.ledger.state.PrivateState;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * Simulates one transaction against a snapshot of a channel's ledger and records its read-write set as Fabric's
 * transaction simulator does:
 * <ul>
 * <li>every read records the key with the version it has in the snapshot (no version when the key does not
 *     exist), and reads never see this transaction's own writes;</li>
 * <li>writes are buffered; an empty value is a delete; a key's last write wins;</li>
 * <li>range queries record their bounds, whether they ran to the end, and the keys and versions they pulled
 *     (see {@link RangeScan});</li>
 * <li>metadata writes (a key-level endorsement policy under {@link #VALIDATION_PARAMETER}) replace the key's
 *     metadata;</li>
 * <li>private data records SHA-256 hashes of keys (and values) in the public set, and the clear writes in a
 *     separate private set;</li>
 * <li>a paginated query is refused once the transaction has written, and a write once it has run a paginated
 *     query (Fabric's rule: a page boundary cannot be re-checked at commit).</li>
 * </ul>
 * One simulator serves one proposal on one thread; {@link #close()} it (which releases the snapshot) when done.
 */
public final class TxSimulator implements AutoCloseable {

    /** The metadata entry holding a key's endorsement policy, as the committer and Fabric name it. */
    public static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";

    private final LedgerSnapshot snapshot;
    private final WorldState state;
    private final RwSetBuilder rwset = new RwSetBuilder();
    private final List<RangeScan> scans = new ArrayList<>();
    private boolean paginatedQueryDone;
    private boolean done;

    /** @param snapshot the view to simulate on; the simulator closes it */
    public TxSimulator(LedgerSnapshot snapshot) {
        this.snapshot = snapshot;
        this.state = snapshot.state();
    }

    /** The ledger view this simulation reads, e.g. for the txid replay check of the same proposal. */
    public LedgerSnapshot snapshot() {
        return snapshot;
    }

    // ---- public state ----

    /** The committed value and version of a key, recording the read. */
    public Optional<VersionedValue> getState(String namespace, String key) {
        checkOpen();
        Optional<VersionedValue> value = committed(namespace, key);
        rwset.read(namespace, key, value.map(VersionedValue::version));
        return value;
    }

    /** The committed metadata of a key (empty when none or no key), recording the read as Fabric does. */
    public Map<String, ByteString> getStateMetadata(String namespace, String key) {
        return getState(namespace, key).map(VersionedValue::metadata).orElse(Map.of());
    }

    /** Buffers a write; an empty value deletes the key. */
    public void putState(String namespace, String key, ByteString value) {
        checkWrite();
        rwset.write(namespace, key, value);
    }

    public void deleteState(String namespace, String key) {
        putState(namespace, key, ByteString.EMPTY);
    }

    /**
     * Replaces the key's metadata when the transaction commits (an empty map removes it). Metadata of a key that
     * has no value when the transaction commits is dropped, as Fabric does.
     */
    public void setStateMetadata(String namespace, String key, Map<String, ByteString> metadata) {
        checkWrite();
        rwset.metadataWrite(namespace, key, metadata);
    }

    /**
     * The keys of {@code namespace} from {@code startKey} (inclusive) to {@code endKey} (exclusive; empty = to
     * the end of the namespace), recorded for the phantom check. The caller chooses the bounds; the chaincode
     * stub keeps simple-key ranges clear of composite keys.
     */
    public RangeScan getStateRange(String namespace, String startKey, String endKey) {
        checkOpen();
        RangeScan scan = new RangeScan(state, namespace, startKey, endKey, 0);
        scans.add(scan);
        return scan;
    }

    /** One page of a range: at most {@code pageSize} keys, and the key the next page starts at (empty if none). */
    public record RangePage(List<StateEntry> entries, String nextStartKey) {
    }

    /**
     * A page of a range query; refused once the transaction has written.
     *
     * @throws SimulationException when the transaction has already written
     */
    public RangePage getStateRangePage(String namespace, String startKey, String endKey, int pageSize) {
        checkOpen();
        if (pageSize <= 0) {
            throw new SimulationException("the page size must be positive, was " + pageSize);
        }
        if (rwset.hasWrites()) {
            throw new SimulationException("a paginated query is not allowed in a transaction that writes: its"
                    + " pages could not be re-checked at commit; query in a read-only (evaluated) transaction");
        }
        paginatedQueryDone = true;
        RangeScan scan = new RangeScan(state, namespace, startKey, endKey, pageSize);
        scans.add(scan);
        List<StateEntry> entries = new ArrayList<>(pageSize);
        scan.forEachRemaining(entries::add);
        String next = "";
        if (scan.mayHaveMore() && !entries.isEmpty()) {
            next = peekAfter(namespace, entries.get(entries.size() - 1).key(), endKey);
        }
        return new RangePage(entries, next);
    }

    /** The first key after {@code key} in the range, unrecorded: Fabric reads the bookmark past the page. */
    private String peekAfter(String namespace, String key, String endKey) {
        String[] next = {""};
        try {
            state.range(namespace, key + "\u0000", endKey, (k, v) -> {
                next[0] = k;
                return false;
            });
        } catch (LedgerStoreException e) {
            throw new SimulationException("cannot read the range of " + namespace + ": " + e.getMessage(), e);
        }
        return next[0];
    }

    /** Every committed change of a key, newest first; not recorded (Fabric does not re-check history). */
    public List<KeyModification> getHistory(String namespace, String key) {
        checkOpen();
        try {
            List<KeyModification> history = new ArrayList<>(snapshot.history(namespace, key));
            Collections.reverse(history);
            return history;
        } catch (LedgerException e) {
            throw new SimulationException("cannot read the history of " + namespace + "/" + key + ": "
                    + e.getMessage(), e);
        }
    }

    // ---- private data ----

    /** The committed SHA-256 of a private value, recording a hashed read. */
    public Optional<ByteString> getPrivateDataHash(String namespace, String collection, String key) {
        return hashedRead(namespace, collection, key).map(VersionedValue::value);
    }

    /** The committed hash of a private value with its version, recording the hashed read (as Fabric does). */
    private Optional<VersionedValue> hashedRead(String namespace, String collection, String key) {
        checkOpen();
        Optional<VersionedValue> hashed = committed(HashedState.namespace(namespace, collection),
                HashedState.key(Sha256.ofKey(key)));
        rwset.hashedRead(namespace, collection, key, hashed.map(VersionedValue::version));
        return hashed;
    }

    /**
     * The committed clear value of a private key, from this peer's private state in the same snapshot, recording
     * a hashed read with the version of the key's hash.
     *
     * @throws SimulationException when this peer is not a member of the collection, or is but misses the value
     *                             the channel committed (its private data was not delivered to this peer)
     */
    public Optional<ByteString> getPrivateData(String namespace, String collection, String key) {
        checkOpen();
        boolean member;
        try {
            member = snapshot.isCollectionMember(namespace, collection);
        } catch (LedgerException e) {
            throw new SimulationException(e.getMessage(), e);
        }
        if (!member) {
            throw new SimulationException("this peer is not a member of collection " + collection + " of chaincode "
                    + namespace + ", so it holds no private data of it; send the proposal to a peer of one of the"
                    + " collection's member organisations");
        }
        Optional<VersionedValue> hashed = hashedRead(namespace, collection, key);
        if (hashed.isEmpty()) {
            return Optional.empty();
        }
        Optional<VersionedValue> value = committed(PrivateState.namespace(namespace, collection), key);
        if (value.isEmpty() || !value.get().version().equals(hashed.get().version())) {
            throw new SimulationException("private key '" + key + "' of collection " + collection + " of chaincode "
                    + namespace + " was written by transaction " + hashed.get().version().txNum() + " of block "
                    + hashed.get().version().blockNum() + ", but this peer is missing that private data");
        }
        return Optional.of(value.get().value());
    }

    /** Buffers a private write (an empty value deletes): hashes go public, the value into the private set. */
    public void putPrivateData(String namespace, String collection, String key, ByteString value) {
        checkWrite();
        rwset.privateWrite(namespace, collection, key, value);
    }

    public void deletePrivateData(String namespace, String collection, String key) {
        putPrivateData(namespace, collection, key, ByteString.EMPTY);
    }

    // ---- results ----

    /**
     * Ends the simulation: records every range query (open ones as far as they were read) and returns the
     * read-write sets. Reads and writes fail afterwards.
     */
    public SimulationResults done() {
        checkOpen();
        done = true;
        for (RangeScan scan : scans) {
            scan.close();
            rwset.rangeQuery(scan.namespace(), scan.info());
        }
        return rwset.build();
    }

    /** Releases the snapshot. */
    @Override
    public void close() {
        done = true;
        snapshot.close();
    }

    private Optional<VersionedValue> committed(String namespace, String key) {
        try {
            return state.get(namespace, key);
        } catch (LedgerStoreException e) {
            throw new SimulationException("cannot read " + namespace + "/" + key + ": " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (done) {
            throw new SimulationException("the simulation of this transaction has ended");
        }
    }

    private void checkWrite() {
        checkOpen();
        if (paginatedQueryDone) {
            throw new SimulationException("a write is not allowed after a paginated query in the same"
                    + " transaction: its pages could not be re-checked at commit");
        }
    }
}
