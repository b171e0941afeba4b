package weft.runtime.endorser.simulation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import weft.runtime.ledger.commit.RangeQueryMerkle;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * A range query over the snapshot, as the chaincode iterates it, recording what it read for the phantom check.
 *
 * <p>It pulls keys from the state database the way Fabric's peer serves a chaincode's range query: in batches
 * of {@value #BATCH} keys, with one key read ahead to learn whether there are more; so a range of up to 100 keys
 * is read (and recorded) whole at once and marked exhausted, however many of them the chaincode looks at. Every
 * key pulled is recorded with its version; the end key becomes the last key pulled until the database reports
 * the end, when the query's own end key is recorded with {@code itr_exhausted}. More than
 * {@value RangeQueryMerkle#FABRIC_MAX_DEGREE} reads are recorded as Fabric's Merkle summary.
 *
 * <p>A paginated scan pulls exactly the page ({@code limit} keys) and no read-ahead, as Fabric does.
 */
public final class RangeScan implements Iterator<StateEntry>, AutoCloseable {

    /** Fabric's peer hands a chaincode range-query results in batches of this size. */
    public static final int BATCH = 100;

    private final WorldState state;
    private final String namespace;
    private final String startKey;
    private final String endKey;
    private final int limit;
    private final List<KVRead> reads = new ArrayList<>();
    private final ArrayDeque<StateEntry> delivered = new ArrayDeque<>();
    private final ArrayDeque<StateEntry> pending = new ArrayDeque<>();
    private String cursor;
    private String lastPulled = "";
    private int pulled;
    private boolean exhausted;
    private boolean closed;

    /** @param limit the page size of a paginated query, or 0 for an unpaginated scan */
    RangeScan(WorldState state, String namespace, String startKey, String endKey, int limit) {
        this.state = state;
        this.namespace = namespace;
        this.startKey = startKey;
        this.endKey = endKey;
        this.limit = limit;
        this.cursor = startKey;
        pullBatch(); // Fabric's peer answers the query call itself with the first batch
    }

    @Override
    public boolean hasNext() {
        if (delivered.isEmpty() && !closed && !exhausted && !(limit > 0 && pulled >= limit)) {
            pullBatch();
        }
        return !delivered.isEmpty();
    }

    @Override
    public StateEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the range query of " + namespace + " has no more keys");
        }
        return delivered.poll();
    }

    /** Stops iterating; what was pulled so far stays recorded. */
    @Override
    public void close() {
        closed = true;
        delivered.clear();
    }

    private void pullBatch() {
        int want = limit > 0 ? limit - pulled : BATCH + 1 - pending.size();
        List<StateEntry> batch = scan(want);
        for (StateEntry entry : batch) {
            reads.add(KVRead.newBuilder().setKey(entry.key()).setVersion(entry.version().toVersion()).build());
            lastPulled = entry.key();
            pulled++;
        }
        if (!batch.isEmpty()) {
            cursor = lastPulled + "\u0000"; // the smallest key after the last one pulled
        }
        pending.addAll(batch);
        if (batch.size() < want) {
            exhausted = true;
            delivered.addAll(pending);
            pending.clear();
        } else if (limit > 0) {
            delivered.addAll(pending);
            pending.clear();
        } else {
            while (pending.size() > 1) {
                delivered.add(pending.poll());
            }
        }
    }

    private List<StateEntry> scan(int count) {
        List<StateEntry> batch = new ArrayList<>(Math.min(count, BATCH + 1));
        if (count <= 0) {
            return batch;
        }
        try {
            state.range(namespace, cursor, endKey, (key, value) -> {
                batch.add(new StateEntry(key, value.value(), value.version()));
                return batch.size() < count;
            });
        } catch (LedgerStoreException e) {
            throw new SimulationException("cannot read the range of " + namespace + ": " + e.getMessage(), e);
        }
        return batch;
    }

    /** Whether the scan may have more keys after those pulled: the bookmark case of a paginated query. */
    boolean mayHaveMore() {
        return !exhausted;
    }

    /** What this scan recorded, in Fabric's form. */
    RangeQueryInfo info() {
        RangeQueryInfo.Builder info = RangeQueryInfo.newBuilder().setStartKey(startKey)
                .setEndKey(exhausted ? endKey : lastPulled).setItrExhausted(exhausted);
        RangeQueryMerkle merkle = new RangeQueryMerkle(RangeQueryMerkle.FABRIC_MAX_DEGREE);
        reads.forEach(merkle::add);
        QueryReadsMerkleSummary summary = merkle.done();
        if (summary == null) {
            info.setRawReads(QueryReads.newBuilder().addAllKvReads(reads));
        } else {
            info.setReadsMerkleHashes(summary);
        }
        return info.build();
    }

    String namespace() {
        return namespace;
    }
}
