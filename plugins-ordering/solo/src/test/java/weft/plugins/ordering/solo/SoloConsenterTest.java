package weft.plugins.ordering.solo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BatchSize;
import weft.api.ordering.BlockStream;
import weft.api.ordering.Consenter;
import weft.api.ordering.OrderingException;
import weft.api.plugin.PluginInitException;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.block.OrdererBlocks;
import weft.runtime.ordering.FileChainSupport;
import weft.runtime.ordering.testing.OrderingFixture;

class SoloConsenterTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final OrderingFixture fixture = new OrderingFixture();

    private FileChainSupport support(int maxCount, int preferredBytes, Duration timeout) throws OrderingException {
        return fixture.chainSupport(dir, "orderer0", new BatchConfig(new BatchSize(maxCount, 1 << 20, preferredBytes), timeout));
    }

    private static Consenter solo(FileChainSupport support) throws PluginInitException {
        return new SoloConsenterFactory().newConsenter(support);
    }

    @Test
    void cutsABlockWhenMaxMessageCountIsReachedAndAcknowledgesOnlyThen() throws Exception {
        try (FileChainSupport support = support(3, 1 << 16, LONG); Consenter solo = solo(support)) {
            CompletableFuture<Void> a = solo.broadcast(fixture.transaction("a"));
            CompletableFuture<Void> b = solo.broadcast(fixture.transaction("b"));
            Thread.sleep(100);
            assertFalse(a.isDone(), "an envelope waiting in an unfinished block is not acknowledged");
            CompletableFuture<Void> c = solo.broadcast(fixture.transaction("c"));
            CompletableFuture.allOf(a, b, c).get(10, TimeUnit.SECONDS);

            assertEquals(2, solo.height());
            assertEquals(List.of("a", "b", "c"), tags(support.block(1).orElseThrow()));
        }
    }

    @Test
    void cutsAnUnfinishedBlockWhenBatchTimeoutPasses() throws Exception {
        try (FileChainSupport support = support(100, 1 << 16, Duration.ofMillis(200)); Consenter solo = solo(support)) {
            long start = System.nanoTime();
            solo.broadcast(fixture.transaction("lonely")).get(10, TimeUnit.SECONDS);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(waited >= 190, "cut after the batch timeout, not before (" + waited + " ms)");
            assertEquals(List.of("lonely"), tags(support.block(1).orElseThrow()));
        }
    }

    @Test
    void aConfigEnvelopeCutsWhatIsPendingAndGetsABlockOfItsOwn() throws Exception {
        try (FileChainSupport support = support(100, 1 << 16, LONG); Consenter solo = solo(support)) {
            CompletableFuture<Void> a = solo.broadcast(fixture.transaction("a"));
            CompletableFuture<Void> config = solo.broadcast(fixture.config("update"));
            CompletableFuture<Void> b = solo.broadcast(fixture.transaction("b"));
            CompletableFuture.allOf(a, config).get(10, TimeUnit.SECONDS);

            assertEquals(List.of("a"), tags(support.block(1).orElseThrow()));
            Block configBlock = support.block(2).orElseThrow();
            assertEquals(List.of("update"), tags(configBlock));
            assertEquals(2, OrdererBlocks.ordererMetadata(configBlock).getLastConfig().getIndex());
            assertFalse(b.isDone());
        }
    }

    @Test
    void anEnvelopeLargerThanPreferredMaxBytesIsOrderedInABlockOfItsOwn() throws Exception {
        try (FileChainSupport support = support(100, 2_000, LONG); Consenter solo = solo(support)) {
            CompletableFuture<Void> small = solo.broadcast(fixture.transaction("small"));
            CompletableFuture<Void> large = solo.broadcast(fixture.transaction("large", 5_000));
            CompletableFuture.allOf(small, large).get(10, TimeUnit.SECONDS);

            assertEquals(List.of("small"), tags(support.block(1).orElseThrow()));
            assertEquals(List.of("large"), tags(support.block(2).orElseThrow()));
        }
    }

    @Test
    void concurrentBroadcastsAreEachOrderedExactlyOnceOnAnUnbrokenHashChain() throws Exception {
        int perThread = 250;
        try (FileChainSupport support = support(50, 1 << 16, Duration.ofMillis(50)); Consenter solo = solo(support)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            List<List<CompletableFuture<Void>>> perThreadAcks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                List<CompletableFuture<Void>> mine = new ArrayList<>();
                perThreadAcks.add(mine);
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        mine.add(solo.broadcast(fixture.transaction("t" + id + "-" + i)));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            perThreadAcks.forEach(acks::addAll);
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            List<String> ordered = new ArrayList<>();
            Block previous = support.block(0).orElseThrow();
            try (BlockStream blocks = solo.deliver(1)) {
                for (long n = 1; n < solo.height(); n++) {
                    Block block = blocks.next(Duration.ofSeconds(5)).orElseThrow();
                    assertEquals(n, block.getHeader().getNumber());
                    assertEquals(BlockHashes.headerHash(previous.getHeader()), block.getHeader().getPreviousHash());
                    assertTrue(block.getData().getDataCount() <= 50);
                    ordered.addAll(tags(block));
                    previous = block;
                }
            }
            assertEquals(4 * perThread, ordered.size());
            assertEquals(4 * perThread, new HashSet<>(ordered).size(), "no envelope ordered twice");
            for (int t = 0; t < 4; t++) {
                List<String> own = new ArrayList<>();
                for (String tag : ordered) {
                    if (tag.startsWith("t" + t + "-")) {
                        own.add(tag);
                    }
                }
                for (int i = 0; i < perThread; i++) {
                    assertEquals("t" + t + "-" + i, own.get(i), "one client's envelopes keep their order");
                }
            }
        }
    }

    @Test
    void aRestartedSoloContinuesTheChainAfterItsLastBlock() throws Exception {
        ByteString tip;
        try (FileChainSupport support = support(1, 1 << 16, LONG); Consenter solo = solo(support)) {
            solo.broadcast(fixture.transaction("before")).get(10, TimeUnit.SECONDS);
            tip = support.tipHash();
        }
        try (FileChainSupport support = support(1, 1 << 16, LONG); Consenter solo = solo(support)) {
            solo.broadcast(fixture.transaction("after")).get(10, TimeUnit.SECONDS);
            Block block = support.block(2).orElseThrow();
            assertEquals(tip, block.getHeader().getPreviousHash());
            assertEquals(List.of("after"), tags(block));
        }
    }

    @Test
    void aStoppedSoloRefusesBroadcastsAsServiceUnavailable() throws Exception {
        try (FileChainSupport support = support(10, 1 << 16, LONG)) {
            Consenter solo = solo(support);
            CompletableFuture<Void> waiting = solo.broadcast(fixture.transaction("pending"));
            solo.close();
            ExecutionException pending = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
            assertEquals(Status.SERVICE_UNAVAILABLE, OrderingException.statusOf(pending));
            ExecutionException later = assertThrows(ExecutionException.class,
                    () -> solo.broadcast(fixture.transaction("late")).get(5, TimeUnit.SECONDS));
            assertEquals(Status.SERVICE_UNAVAILABLE, OrderingException.statusOf(later));
        }
    }

    @Test
    void refusesToStartWithoutChainSupport() {
        PluginInitException e = assertThrows(PluginInitException.class, () -> new SoloConsenterFactory().newConsenter());
        assertTrue(e.getMessage().contains("ChainSupport"), e.getMessage());
    }

    private static List<String> tags(Block block) {
        return block.getData().getDataList().stream().map(OrderingFixture::tagOf).toList();
    }

}
