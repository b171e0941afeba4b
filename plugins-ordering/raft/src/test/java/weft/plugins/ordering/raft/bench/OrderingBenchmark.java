package weft.plugins.ordering.raft.bench;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BatchSize;
import weft.api.ordering.Consenter;
import weft.plugins.ordering.raft.RaftBenchmarkNodes;
import weft.plugins.ordering.solo.SoloConsenterFactory;
import weft.runtime.ordering.FileChainSupport;
import weft.runtime.ordering.testing.OrderingFixture;

/**
 * Ordering throughput on this machine: envelopes per second through solo and through a 3-node Raft cluster on
 * loopback, against a baseline measured in the same run — the rate at which the orderer block store alone
 * writes the same envelopes in blocks of the same size (sign + serialise + fsync per block), the ceiling for any
 * consenter that writes through it. Run with {@code mvn -pl plugins-ordering/raft -am -DskipTests verify
 * exec:java@ordering-benchmark} (not part of the test suite).
 */
public final class OrderingBenchmark {

    private static final int ENVELOPES = Integer.getInteger("weft.bench.envelopes", 20_000);
    private static final int BLOCK = 100;
    private static final int IN_FLIGHT = 2_000;
    private static final int WARM_UP = 2;
    private static final int ROUNDS = 5;
    private static final BatchConfig BATCH = new BatchConfig(new BatchSize(BLOCK, 1 << 20, 1 << 20), Duration.ofMillis(50));

    private OrderingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        OrderingFixture fixture = new OrderingFixture();
        List<ByteString> envelopes = new ArrayList<>(ENVELOPES);
        for (int i = 0; i < ENVELOPES; i++) {
            envelopes.add(fixture.transaction("bench-" + i, 200));
        }
        System.out.printf("ordering benchmark: %d envelopes of %d bytes, blocks of %d, 2 warm-up + 5 measured rounds, interleaved%n",
                ENVELOPES, envelopes.get(0).size(), BLOCK);
        // Rounds interleave the three, so that disk contention from elsewhere on the machine hits them alike.
        double[][] rates = new double[3][ROUNDS];
        for (int round = -WARM_UP; round < ROUNDS; round++) {
            double r = raft(fixture, envelopes);
            Thread.sleep(1_000); // let the Raft nodes' background flushes and deletions settle
            double b = baseline(fixture, envelopes);
            double s = solo(fixture, envelopes);
            if (round >= 0) {
                rates[0][round] = b;
                rates[1][round] = s;
                rates[2][round] = r;
            }
        }
        double baseline = median(rates[0]);
        double solo = median(rates[1]);
        double raft = median(rates[2]);
        System.out.printf("baseline  block store alone (sign + fsync per block): %,10.0f envelopes/s%n", baseline);
        System.out.printf("solo      broadcast -> acknowledged:                  %,10.0f envelopes/s  (%.2f of baseline)%n",
                solo, solo / baseline);
        System.out.printf("raft x3   broadcast -> committed by a majority:       %,10.0f envelopes/s  (%.2f of baseline)%n",
                raft, raft / baseline);
        System.exit(0);
    }

    private static double median(double[] rates) {
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double baseline(OrderingFixture fixture, List<ByteString> envelopes) throws Exception {
        Path dir = Files.createTempDirectory("weft-bench-baseline");
        try (FileChainSupport support = fixture.chainSupport(dir, "orderer0", BATCH)) {
            long start = System.nanoTime();
            for (int i = 0; i < envelopes.size(); i += BLOCK) {
                support.writeBlock(envelopes.subList(i, Math.min(envelopes.size(), i + BLOCK)), ByteString.EMPTY);
            }
            return rate(envelopes.size(), start);
        } finally {
            delete(dir);
        }
    }

    private static double solo(OrderingFixture fixture, List<ByteString> envelopes) throws Exception {
        Path dir = Files.createTempDirectory("weft-bench-solo");
        try (FileChainSupport support = fixture.chainSupport(dir, "orderer0", BATCH);
             Consenter solo = new SoloConsenterFactory().newConsenter(support)) {
            return broadcastAll(solo, envelopes);
        } finally {
            delete(dir);
        }
    }

    private static double raft(OrderingFixture fixture, List<ByteString> envelopes) throws Exception {
        Path dir = Files.createTempDirectory("weft-bench-raft");
        try (RaftBenchmarkNodes nodes = RaftBenchmarkNodes.start(fixture, dir, 3, BATCH)) {
            double rate = broadcastAll(nodes.submitter(), envelopes);
            nodes.awaitAllHeights();
            return rate;
        } finally {
            delete(dir);
        }
    }

    private static double broadcastAll(Consenter consenter, List<ByteString> envelopes) throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> acks = new ArrayList<>(envelopes.size());
        long start = System.nanoTime();
        for (ByteString envelope : envelopes) {
            window.acquire();
            acks.add(consenter.broadcast(envelope).whenComplete((ok, failure) -> window.release()));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        return rate(envelopes.size(), start);
    }

    private static double rate(int count, long startNanos) {
        return count / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static void delete(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
