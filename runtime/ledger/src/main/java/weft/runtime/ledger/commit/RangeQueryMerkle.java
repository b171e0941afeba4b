package weft.runtime.ledger.commit;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;
import weft.runtime.ledger.block.Sha256;

/**
 * Fabric's summary of a long range query: results are hashed in groups of {@code maxDegree + 1} (SHA-256 of the
 * marshalled {@code QueryReads}), and whenever a level holds more than {@code maxDegree} hashes they are combined
 * (SHA-256 of their concatenation) into one hash on the next level. A scan with no more than {@code maxDegree}
 * results keeps its raw reads instead. Rebuilding the summary from the current state and comparing it with the
 * one the transaction recorded detects phantoms just as raw reads do. Endorsers build it while a range query
 * runs; MVCC rebuilds it at commit.
 */
public final class RangeQueryMerkle {

    /** Fabric's endorsers summarise a range query once it yields more than this many results. */
    public static final int FABRIC_MAX_DEGREE = 50;

    private static final int LEAF_LEVEL = 1;

    private final int maxDegree;
    private final List<KVRead> pending = new ArrayList<>();
    private final Map<Integer, List<ByteString>> tree = new HashMap<>();
    private int maxLevel = LEAF_LEVEL;

    public RangeQueryMerkle(int maxDegree) {
        if (maxDegree < 2) {
            throw new IllegalArgumentException("a Merkle summary needs a max degree of at least 2, was " + maxDegree);
        }
        this.maxDegree = maxDegree;
    }

    public void add(KVRead read) {
        pending.add(read);
        if (pending.size() > maxDegree) {
            hashPending();
        }
    }

    /** The summary of everything added; null when the results were too few to be hashed at all. */
    public QueryReadsMerkleSummary done() {
        if (tree.isEmpty()) {
            return null;
        }
        if (!pending.isEmpty()) {
            hashPending();
        }
        // Lower levels left incomplete are folded upwards until everything sits at the top level.
        for (int level = LEAF_LEVEL; level < maxLevel; level++) {
            List<ByteString> hashes = tree.remove(level);
            if (hashes == null || hashes.isEmpty()) {
                continue;
            }
            tree.computeIfAbsent(level + 1, l -> new ArrayList<>()).add(hashes.size() == 1 ? hashes.get(0) : combine(hashes));
        }
        List<ByteString> top = tree.get(maxLevel);
        if (top.size() > maxDegree) {
            tree.remove(maxLevel);
            maxLevel++;
            tree.put(maxLevel, List.of(combine(top)));
        }
        return QueryReadsMerkleSummary.newBuilder().setMaxDegree(maxDegree).setMaxLevel(maxLevel)
                .addAllMaxLevelHashes(tree.get(maxLevel)).build();
    }

    private void hashPending() {
        ByteString hash = Sha256.of(QueryReads.newBuilder().addAllKvReads(pending).build().toByteString());
        pending.clear();
        tree.computeIfAbsent(LEAF_LEVEL, l -> new ArrayList<>()).add(hash);
        int level = LEAF_LEVEL;
        while (tree.get(level).size() > maxDegree) {
            ByteString combined = combine(tree.remove(level));
            level++;
            tree.computeIfAbsent(level, l -> new ArrayList<>()).add(combined);
            maxLevel = Math.max(maxLevel, level);
        }
    }

    private static ByteString combine(List<ByteString> hashes) {
        ByteString all = ByteString.EMPTY;
        for (ByteString hash : hashes) {
            all = all.concat(hash);
        }
        return Sha256.of(all);
    }

}
