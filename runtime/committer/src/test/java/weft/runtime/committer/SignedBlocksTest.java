package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.committer.bench.BenchWiring;
import weft.runtime.committer.bench.SignedNetwork;
import weft.runtime.policy.PolicyParser;

/** Blocks built and signed like a Fabric network's go through Weft's committer with the verdicts they deserve. */
class SignedBlocksTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final ScheduledExecutorService CALLS = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        CALLS.shutdownNow();
    }

    @Test
    void twoOfThreeEndorsedTransactionsAreValidAndSingleEndorsementsAreNot() throws Exception {
        SignedNetwork network = new SignedNetwork(3);
        try (BenchWiring wired = BenchWiring.wire(dir, POOL, CALLS)) {
            wired.committer().commit(network.genesis());
            wired.committer().commit(network.definition(PolicyParser.parse(
                    "OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')")));

            Block endorsedByTwo = wired.committer().commit(network.transactions(20, 2));
            assertArrayEquals(new byte[20], endorsedByTwo.getMetadata().getMetadata(2).toByteArray());
            Block endorsedByOne = wired.committer().commit(network.transactions(3, 1));
            assertArrayEquals(new byte[] {10, 10, 10}, endorsedByOne.getMetadata().getMetadata(2).toByteArray());
        }
    }
}
