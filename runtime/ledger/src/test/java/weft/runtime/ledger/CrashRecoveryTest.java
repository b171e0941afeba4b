package weft.runtime.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.state.VersionedValue;

/**
 * Kills a separate JVM at random instants while it commits, again and again, and checks after each kill that the
 * recovered ledger — state, indexes, chain — equals a fresh replay of the block files it left behind.
 */
class CrashRecoveryTest {

    private static final int KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void aLedgerKilledMidCommitRecoversToAConsistentHeight() throws Exception {
        Path root = dir.resolve("ledger");
        Random random = new Random(42);
        long lastHeight = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process committer = startCommitter(root);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(committer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String opened = out.readLine();
                assertTrue(opened != null && opened.startsWith("opened at height "), "committer started: " + opened);
                Thread.sleep(200 + random.nextInt(600));
            } finally {
                committer.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, wherever it is
                assertTrue(committer.waitFor(30, TimeUnit.SECONDS));
            }

            long height;
            TreeMap<String, VersionedValue> recovered;
            try (ChannelLedger ledger = ChannelLedger.open(root, "crash")) {
                height = ledger.chainInfo().height();
                recovered = dump(ledger);
                for (long n = Math.max(1, height - 3); n < height; n++) {
                    Block block = ledger.blockByNumber(n).orElseThrow();
                    assertEquals(n, ledger.blockByTxId("tx-" + n + "-0").orElseThrow().getHeader().getNumber());
                    assertEquals(block.getHeader().getPreviousHash(),
                            weft.runtime.ledger.block.BlockHashes.headerHash(
                                    ledger.blockByNumber(n - 1).orElseThrow().getHeader()));
                }
            }
            assertTrue(height >= lastHeight, "height never goes back: " + height + " < " + lastHeight);
            lastHeight = height;

            Path replay = dir.resolve("replay-" + kill);
            copyTree(root.resolve("chains"), replay.resolve("chains"));
            try (ChannelLedger replayed = ChannelLedger.open(replay, "crash")) {
                assertEquals(height, replayed.chainInfo().height());
                assertEquals(dump(replayed), recovered, "state after kill " + kill + " equals a replay of the blocks");
            }
        }
        assertTrue(lastHeight > 2, "the committer made progress between kills (height " + lastHeight + ")");
    }

    private static TreeMap<String, VersionedValue> dump(ChannelLedger ledger) throws Exception {
        TreeMap<String, VersionedValue> state = new TreeMap<>();
        ledger.state().range("cc", "", "", (key, value) -> {
            state.put(key, value);
            return true;
        });
        return state;
    }

    private static Process startCommitter(Path root) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, CrashingCommitter.class.getName(), root.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString().replace(File.separatorChar, '/'));
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
