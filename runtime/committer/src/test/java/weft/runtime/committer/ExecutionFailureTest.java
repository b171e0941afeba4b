package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.plugin.Dependency;
import weft.api.validation.ContextDatum;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.ValidationPlugin;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.testing.FabricLedgers;

/**
 * What happens when a validation plugin cannot decide, is too slow, crashes or is missing: "cannot decide" never
 * becomes a verdict — the block is not committed and nothing is marked — while a crashing plugin marks only its
 * transaction invalid. Uses sample_prod's block 1 (a chaincode approval validated by plugin "vscc").
 */
class ExecutionFailureTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final ScheduledExecutorService PLUGIN_CALLS = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    private List<BlockRecord> blocks;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        PLUGIN_CALLS.shutdownNow();
    }

    @BeforeEach
    void read() throws Exception {
        blocks = BlockFileReader.readAll(FabricLedgers.blockFile(FabricLedgers.SAMPLE_PROD));
    }

    @Test
    void anExecutionFailureLeavesTheBlockUncommittedAndUnmarked() throws Exception {
        try (ChannelLedger ledger = ChannelLedger.open(dir, "mychannel")) {
            ChannelCommitter committer = committer(ledger, plugin((block, tx) -> {
                throw new ExecutionFailureException("state database unreachable");
            }), ChannelCommitter.RetryPolicy.STOP, Duration.ofSeconds(5));
            committer.commit(blocks.get(0).block());

            CannotValidateException e = assertThrows(CannotValidateException.class,
                    () -> committer.commit(blocks.get(1).block()));
            assertTrue(e.getMessage().contains("block 1 tx 0 namespace _lifecycle: validation plugin 'vscc' could not "
                    + "decide: state database unreachable"), e.getMessage());
            assertEquals(1, ledger.chainInfo().height(), "the block is not committed");
            assertTrue(ledger.transactionAt(1, 0).isEmpty(), "nothing is marked invalid");
        }
    }

    @Test
    void aPluginPastItsTimeBudgetIsAnExecutionFailure() throws Exception {
        try (ChannelLedger ledger = ChannelLedger.open(dir, "mychannel")) {
            ChannelCommitter committer = committer(ledger, plugin((block, tx) -> {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), ChannelCommitter.RetryPolicy.STOP, Duration.ofMillis(200));
            committer.commit(blocks.get(0).block());

            CannotValidateException e = assertThrows(CannotValidateException.class,
                    () -> committer.commit(blocks.get(1).block()));
            assertTrue(e.getMessage().endsWith("validation plugin 'vscc' ran past its time budget of 200 ms"), e.getMessage());
            assertEquals(1, ledger.chainInfo().height());
        }
    }

    @Test
    void aCrashingPluginMarksItsTransactionInvalidAndThePeerGoesOn() throws Exception {
        try (ChannelLedger ledger = ChannelLedger.open(dir, "mychannel")) {
            ChannelCommitter committer = committer(ledger, plugin((block, tx) -> {
                throw new NullPointerException("plugin bug");
            }), ChannelCommitter.RetryPolicy.STOP, Duration.ofSeconds(5));
            committer.commit(blocks.get(0).block());

            Block stored = committer.commit(blocks.get(1).block());
            assertEquals(10, stored.getMetadata().getMetadata(2).byteAt(0), "ENDORSEMENT_POLICY_FAILURE");
            assertEquals(2, ledger.chainInfo().height());
        }
    }

    @Test
    void aMissingPluginStopsTheChannel() throws Exception {
        try (ChannelLedger ledger = ChannelLedger.open(dir, "mychannel")) {
            ChannelCommitter committer = new ChannelCommitter(ledger,
                    new BlockValidator(POOL, PLUGIN_CALLS, Duration.ofSeconds(5)), name -> {
                        throw new IllegalStateException("handler validators." + name + " is not configured");
                    }, ChannelCommitter.RetryPolicy.STOP, null);
            committer.commit(blocks.get(0).block());

            CannotValidateException e = assertThrows(CannotValidateException.class,
                    () -> committer.commit(blocks.get(1).block()));
            assertTrue(e.getMessage().contains("validation plugin 'vscc' is not available: handler validators.vscc "
                    + "is not configured"), e.getMessage());
        }
    }

    @Test
    void retriesAsConfiguredBeforeGivingUp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ChannelLedger ledger = ChannelLedger.open(dir, "mychannel")) {
            ChannelCommitter committer = committer(ledger, plugin((block, tx) -> {
                if (calls.incrementAndGet() < 3) {
                    throw new ExecutionFailureException("transient");
                }
            }), new ChannelCommitter.RetryPolicy(2, Duration.ofMillis(10)), Duration.ofSeconds(5));
            committer.commit(blocks.get(0).block());

            Block stored = committer.commit(blocks.get(1).block());
            assertEquals(0, stored.getMetadata().getMetadata(2).byteAt(0), "valid on the third attempt");
            assertEquals(3, calls.get());
        }
    }

    /** A plugin whose validate is {@code body}. */
    private static ValidationPlugin plugin(Body body) {
        return new ValidationPlugin() {
            @Override
            public void init(Dependency... dependencies) {
            }

            @Override
            public void validate(Block block, String namespace, int txPosition, int actionPosition,
                                 ContextDatum... contextData) throws ExecutionFailureException {
                body.run(block, txPosition);
            }
        };
    }

    @FunctionalInterface
    private interface Body {
        void run(Block block, int tx) throws ExecutionFailureException;
    }

    private static ChannelCommitter committer(ChannelLedger ledger, ValidationPlugin plugin,
                                              ChannelCommitter.RetryPolicy retry, Duration budget) {
        return new ChannelCommitter(ledger, new BlockValidator(POOL, PLUGIN_CALLS, budget), name -> plugin, retry, null);
    }
}
