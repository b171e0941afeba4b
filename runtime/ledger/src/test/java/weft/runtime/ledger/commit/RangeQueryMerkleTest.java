package weft.runtime.ledger.commit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.TestBlocks;
import weft.runtime.ledger.TestBlocks.Ns;
import weft.runtime.ledger.state.Height;

class RangeQueryMerkleTest {

    @TempDir
    Path dir;

    @Test
    void fewResultsAreNotHashed() {
        RangeQueryMerkle merkle = new RangeQueryMerkle(3);
        for (int i = 0; i < 3; i++) {
            merkle.add(read(i));
        }
        assertNull(merkle.done());
    }

    @Test
    void hashesGroupsOfMaxDegreePlusOneAndCombinesFullLevels() throws Exception {
        // maxDegree 2: leaves of 3 reads; a level of 3 hashes is combined into one hash a level up.
        RangeQueryMerkle merkle = new RangeQueryMerkle(2);
        for (int i = 0; i < 10; i++) {
            merkle.add(read(i));
        }
        ByteString l1a = leaf(0, 3);
        ByteString l1b = leaf(3, 6);
        ByteString l1c = leaf(6, 9);
        ByteString l1d = leaf(9, 10);
        ByteString l2a = sha(l1a.concat(l1b).concat(l1c));
        QueryReadsMerkleSummary summary = merkle.done();

        assertEquals(2, summary.getMaxLevel());
        assertEquals(2, summary.getMaxDegree());
        assertEquals(List.of(l2a, l1d), summary.getMaxLevelHashesList(),
                "the lone leaf left below the top level is carried up as it is");
    }

    @Test
    void longRangeQueriesSummarisedAsMerkleHashesDetectPhantoms() throws Exception {
        TestBlocks chain = new TestBlocks();
        try (ChannelLedger ledger = ChannelLedger.open(dir, "ch")) {
            Block genesis = chain.block(TestBlocks.config("g"));
            ledger.commit(genesis, TestBlocks.allValid(genesis));
            Ns writes = new Ns("cc");
            for (int i = 0; i < 10; i++) {
                writes.write(String.format("k%02d", i), "v");
            }
            Block first = chain.block(TestBlocks.tx("t0", writes));
            ledger.commit(first, TestBlocks.allValid(first));

            RangeQueryMerkle seen = new RangeQueryMerkle(2);
            for (int i = 0; i < 10; i++) {
                seen.add(KVRead.newBuilder().setKey(String.format("k%02d", i)).setVersion(new Height(1, 0).toVersion()).build());
            }
            RangeQueryInfo range = RangeQueryInfo.newBuilder().setStartKey("k00").setEndKey("k99").setItrExhausted(true)
                    .setReadsMerkleHashes(seen.done()).build();
            Block second = chain.block(TestBlocks.tx("t1", new Ns("cc").rangeInfo(range)),
                    TestBlocks.tx("t2", new Ns("cc").write("k05x", "new")),
                    TestBlocks.tx("t3", new Ns("cc").rangeInfo(range)));

            Block stored = ledger.commit(second, TestBlocks.allValid(second));
            assertArrayEquals(new byte[] {0, 0, 12}, stored.getMetadata().getMetadata(2).toByteArray());
        }
    }

    private static KVRead read(int i) {
        return KVRead.newBuilder().setKey("k" + i).setVersion(new Height(1, i).toVersion()).build();
    }

    private static ByteString leaf(int from, int to) throws Exception {
        QueryReads.Builder reads = QueryReads.newBuilder();
        for (int i = from; i < to; i++) {
            reads.addKvReads(read(i));
        }
        return sha(reads.build().toByteString());
    }

    private static ByteString sha(ByteString bytes) throws Exception {
        return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }
}
