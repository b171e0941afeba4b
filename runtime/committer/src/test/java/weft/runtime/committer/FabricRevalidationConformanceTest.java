package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weft.plugins.vscc.DefaultValidationFactory;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.testing.FabricLedgers;

/**
 * Re-validates every real Fabric ledger from its genesis block with Weft's committer and the DefaultValidation
 * plugin, and requires Weft's TRANSACTIONS_FILTER to equal the one Fabric wrote, block by block.
 */
class FabricRevalidationConformanceTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);
    private static final ExecutorService SEQUENTIAL = Executors.newFixedThreadPool(1);
    private static final ScheduledExecutorService PLUGIN_CALLS = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        SEQUENTIAL.shutdownNow();
        PLUGIN_CALLS.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL, FabricLedgers.FABRIC_NET_SMALL})
    void reproducesFabricsTransactionsFilterBlockByBlock(String ledgerName) throws Exception {
        assertEquals(List.of(), revalidate(ledgerName, POOL, dir.resolve("parallel")));
    }

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.FABRIC_NET_SMALL})
    void oneThreadGivesTheSameVerdictsAsMany(String ledgerName) throws Exception {
        assertEquals(List.of(), revalidate(ledgerName, SEQUENTIAL, dir.resolve("sequential")));
    }

    private static List<String> revalidate(String ledgerName, ExecutorService pool, Path dir) throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (ChannelLedger ledger = ChannelLedger.open(dir, ledgerName)) {
            OncePlugins vscc = new OncePlugins(new DefaultValidationFactory().newPlugin());
            ChannelCommitter committer = new ChannelCommitter(ledger,
                    new BlockValidator(pool, PLUGIN_CALLS, Duration.ofSeconds(30)), (name, dependencies) -> {
                        if (!name.equals("vscc")) {
                            throw new IllegalArgumentException("no validation plugin named " + name);
                        }
                        return vscc.plugin(name, dependencies);
                    }, ChannelCommitter.RetryPolicy.STOP, null);
            for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(ledgerName))) {
                Block block = record.block();
                byte[] fabric = block.getMetadata().getMetadata(2).toByteArray();
                byte[] weft = committer.commit(block).getMetadata().getMetadata(2).toByteArray();
                for (int tx = 0; tx < fabric.length; tx++) {
                    if (fabric[tx] != weft[tx]) {
                        mismatches.add("block " + block.getHeader().getNumber() + " tx " + tx + ": Fabric "
                                + TxValidationCode.forNumber(fabric[tx] & 0xff) + ", Weft "
                                + TxValidationCode.forNumber(weft[tx] & 0xff));
                    }
                }
            }
        }
        return mismatches;
    }
}
