package weft.runtime.ledger.bench;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.TestBlocks;
import weft.runtime.ledger.TestBlocks.Ns;
import weft.runtime.ledger.state.Height;
import weft.runtime.ledger.store.Batch;
import weft.runtime.ledger.store.Keys;
import weft.runtime.ledger.store.LedgerStore;

/**
 * Ledger commit throughput for 500-transaction blocks with 2 reads and 2 writes per transaction (MVCC, block file
 * append forced to disk, indexes, history and state in one batch), and point-read latency, next to a baseline
 * measured in the same run: the same number of raw LevelDB reads and batched writes without any ledger logic.
 * Not part of the test suite; run with
 * {@code mvn -q -pl runtime/ledger -am install -DskipTests && mvn -q -pl runtime/ledger exec:java@commit-benchmark}.
 */
public final class CommitBenchmark {

    private static final int TXS = 500;
    private static final int KEYS = 100_000;
    private static final int BLOCKS = 40;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("weft-commit-bench");
        try {
            double[] ledgerRates = new double[ROUNDS];
            double[] rawRates = new double[ROUNDS];
            double[] readMicros = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                ledgerRates[round] = ledgerRound(dir.resolve("ledger-" + round), readMicros, round);
                rawRates[round] = rawRound(dir.resolve("raw-" + round));
            }
            Arrays.sort(ledgerRates);
            Arrays.sort(rawRates);
            Arrays.sort(readMicros);
            double ledger = ledgerRates[ROUNDS / 2];
            double raw = rawRates[ROUNDS / 2];
            System.out.printf("commit benchmark: %d blocks x %d tx, 2 reads + 2 writes per tx, median of %d rounds%n",
                    BLOCKS, TXS, ROUNDS);
            System.out.printf("ledger commit %,.0f tx/s | raw LevelDB (2 gets + 2 batched puts per tx) %,.0f tx/s | "
                    + "ratio %.2f | point read %.1f us%n", ledger, raw, ledger / raw, readMicros[ROUNDS / 2]);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double ledgerRound(Path dir, double[] readMicros, int round) throws Exception {
        TestBlocks chain = new TestBlocks();
        List<Block> blocks = new ArrayList<>();
        blocks.add(chain.block(TestBlocks.config("genesis")));
        // Writes go to fresh keys and reads hit keys of earlier blocks at the versions they have, as a steady
        // workload does; blocks are built before timing so only committing is measured.
        for (int b = 1; b <= BLOCKS; b++) {
            List<ByteString> txs = new ArrayList<>();
            for (int t = 0; t < TXS; t++) {
                Ns ns = new Ns("bench");
                if (b > 1) {
                    int earlier = (t * 7) % TXS;
                    ns.read("k" + (b - 1) + "-" + earlier + "a", new Height(b - 1, earlier))
                            .read("k" + (b - 1) + "-" + earlier + "b", new Height(b - 1, earlier));
                }
                ns.write("k" + b + "-" + t + "a", "value-" + t).write("k" + b + "-" + t + "b", "value-" + t);
                txs.add(TestBlocks.tx("tx-" + b + "-" + t, ns));
            }
            blocks.add(chain.block(txs.toArray(new ByteString[0])));
        }
        try (ChannelLedger ledger = ChannelLedger.open(dir, "bench")) {
            ledger.commit(blocks.get(0), TestBlocks.allValid(blocks.get(0)));
            long start = System.nanoTime();
            for (int b = 1; b <= BLOCKS; b++) {
                Block stored = ledger.commit(blocks.get(b), TestBlocks.allValid(blocks.get(b)));
                if (stored.getMetadata().getMetadata(2).byteAt(TXS - 1) != 0) {
                    throw new IllegalStateException("the benchmark workload must be all valid");
                }
            }
            double rate = (double) BLOCKS * TXS / ((System.nanoTime() - start) / 1e9);
            int reads = 20_000;
            long readStart = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                int b = 1 + (i % BLOCKS);
                ledger.state().get("bench", "k" + b + "-" + (i % TXS) + "a").orElseThrow();
            }
            readMicros[round] = (System.nanoTime() - readStart) / 1e3 / reads;
            return rate;
        }
    }

    private static double rawRound(Path dir) throws Exception {
        try (LedgerStore store = LedgerStore.open(dir)) {
            long start = System.nanoTime();
            for (int b = 1; b <= BLOCKS; b++) {
                Batch batch = new Batch();
                for (int t = 0; t < TXS; t++) {
                    if (b > 1) {
                        store.get(Keys.concat("k" + (b - 1) + "-" + t + "a"));
                        store.get(Keys.concat("k" + (b - 1) + "-" + t + "b"));
                    }
                    batch.put(Keys.concat("k" + b + "-" + t + "a"), ("value-" + t).getBytes());
                    batch.put(Keys.concat("k" + b + "-" + t + "b"), ("value-" + t).getBytes());
                }
                store.write(batch);
            }
            return (double) BLOCKS * TXS / ((System.nanoTime() - start) / 1e9);
        }
    }

    private CommitBenchmark() {
    }
}
