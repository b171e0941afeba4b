package weft.plugins.ordering.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BatchSize;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ordering.testing.OrderingFixture;

class RaftFailoverTest {

    private static final BatchConfig BATCH = new BatchConfig(new BatchSize(20, 1 << 20, 1 << 18), Duration.ofMillis(100));

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderLosesNoAcknowledgedEnvelopeAndOrdersNoneTwice() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 3, BATCH, TestCluster.FAST)) {
            cluster.startAll();
            TestCluster.Node leader = cluster.awaitLeader(Duration.ofSeconds(20));
            TestCluster.Node submitter = cluster.anyFollower(leader);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> refused = ConcurrentHashMap.newKeySet();
            Semaphore inFlight = new Semaphore(64);
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            int total = 600;
            for (int i = 0; i < total; i++) {
                if (i == total / 3) {
                    while (acknowledged.size() < total / 4) {
                        Thread.sleep(5);
                    }
                    leader.stop(); // the leader dies with envelopes in flight
                }
                String tag = "env-" + i;
                inFlight.acquire();
                acks.add(submitter.consenter.broadcast(cluster.fixture.transaction(tag)).whenComplete((ok, failure) -> {
                    inFlight.release();
                    (failure == null ? acknowledged : refused).add(tag);
                }));
            }
            CompletableFuture.allOf(acks.stream().map(a -> a.exceptionally(f -> null))
                    .toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
            assertTrue(acknowledged.size() >= total * 9 / 10,
                    "the cluster kept ordering through the failover: " + acknowledged.size() + " acknowledged, "
                            + refused.size() + " refused");

            TestCluster.Node newLeader = cluster.awaitLeader(Duration.ofSeconds(10));
            assertTrue(newLeader != leader);
            List<String> ordered = awaitAll(cluster, submitter, acknowledged);

            Map<String, Integer> counts = new HashMap<>();
            ordered.forEach(tag -> counts.merge(tag, 1, Integer::sum));
            counts.forEach((tag, count) -> assertEquals(1, count, tag + " ordered " + count + " times"));
            for (String tag : acknowledged) {
                assertEquals(1, counts.getOrDefault(tag, 0), "acknowledged " + tag + " is in exactly one block");
            }

            TestCluster.Node other = cluster.anyFollower(submitter);
            cluster.awaitHeight(submitter.support.height(), Duration.ofSeconds(10));
            assertEquals(TestCluster.headerHashes(submitter.blocks()), TestCluster.headerHashes(other.blocks()),
                    "both survivors hold the same chain");

            // The old leader comes back and catches up from the others.
            leader.start();
            cluster.awaitHeight(submitter.support.height(), Duration.ofSeconds(20));
            List<Block> rejoined = leader.blocks();
            assertEquals(TestCluster.headerHashes(submitter.blocks()),
                    TestCluster.headerHashes(rejoined.subList(0, (int) submitter.support.height())));
            assertChained(rejoined);
        }
    }

    @Test
    void aFollowerThatMissedPurgedLogEntriesCatchesUpFromASnapshot() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 3, BATCH, TestCluster.FAST)) {
            cluster.startAll();
            TestCluster.Node leader = cluster.awaitLeader(Duration.ofSeconds(20));
            TestCluster.Node absent = cluster.anyFollower(leader);
            absent.stop();

            // One at a time, so that each envelope is a log entry of its own and the log passes the snapshot
            // threshold (envelopes broadcast together would share entries).
            for (int i = 0; i < 400; i++) {
                leader.consenter.broadcast(cluster.fixture.transaction("s-" + i)).get(10, TimeUnit.SECONDS);
            }
            long startIndex = leader.consenter.logStartIndex();
            for (int wait = 0; wait < 100 && startIndex <= 1; wait++) {
                Thread.sleep(100); // snapshots and purges run in the background
                startIndex = leader.consenter.logStartIndex();
            }
            assertTrue(startIndex > 1, "the leader took a snapshot and purged its log (start index " + startIndex + ")");

            absent.start();
            cluster.awaitHeight(leader.support.height(), Duration.ofSeconds(20));
            assertEquals(TestCluster.headerHashes(leader.blocks()),
                    TestCluster.headerHashes(absent.blocks().subList(0, (int) leader.support.height())));
            List<String> tags = new ArrayList<>();
            for (Block block : absent.blocks().subList(1, absent.blocks().size())) {
                block.getData().getDataList().forEach(e -> tags.add(OrderingFixture.tagOf(e)));
            }
            assertEquals(400, tags.size());
            assertEquals(400, Set.copyOf(tags).size());
        }
    }

    /** Waits until every acknowledged envelope is in the node's blocks; returns all ordered tags in order. */
    private static List<String> awaitAll(TestCluster cluster, TestCluster.Node node, Set<String> acknowledged)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            List<Block> blocks = node.blocks();
            assertChained(blocks);
            List<String> tags = new ArrayList<>();
            for (Block block : blocks.subList(1, blocks.size())) {
                for (ByteString envelope : block.getData().getDataList()) {
                    tags.add(OrderingFixture.tagOf(envelope));
                }
            }
            if (tags.containsAll(acknowledged) || System.nanoTime() > deadline) {
                return tags;
            }
            Thread.sleep(50);
        }
    }

    private static void assertChained(List<Block> blocks) {
        for (int i = 1; i < blocks.size(); i++) {
            assertEquals(i, blocks.get(i).getHeader().getNumber());
            assertEquals(BlockHashes.headerHash(blocks.get(i - 1).getHeader()), blocks.get(i).getHeader().getPreviousHash(),
                    "block " + i + " chains onto block " + (i - 1));
        }
    }
}
