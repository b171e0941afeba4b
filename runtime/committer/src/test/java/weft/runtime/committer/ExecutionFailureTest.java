package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.plugin.Dependency;
import weft.api.validation.ContextDatum;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.ValidationPlugin;
import weft.runtime.committer.bench.SignedNetwork;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.policy.PolicyParser;

/**
 * What happens when a validation plugin cannot decide, is too slow, crashes or is missing: "cannot decide" never
 * becomes a verdict — the block is not committed and nothing is marked — while a crashing plugin marks only its
 * transaction invalid. Uses a generated, properly signed network; block 2 holds one transaction of chaincode
 * {@code bench}, validated by plugin {@code vscc}.
 */
class ExecutionFailureTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    private ChannelLedger ledger;
    private ChannelConfig config;
    private Block transaction;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        WATCHDOG.shutdownNow();
    }

    @BeforeEach
    void network() throws Exception {
        SignedNetwork network = new SignedNetwork(3);
        ledger = ChannelLedger.open(dir, SignedNetwork.CHANNEL);
        // Genesis and the chaincode definition go in as given; what is tested is block 2.
        Block genesis = network.genesis();
        ledger.commit(genesis, new byte[1]);
        Block definition = network.definition(PolicyParser.parse("OutOf(2,'Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')"));
        ledger.commit(definition, new byte[1]);
        transaction = network.transactions(1, 2);
        config = ChannelConfig.fromConfigBlock(genesis);
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
    }

    @Test
    void anExecutionFailureLeavesTheBlockUncommittedAndUnmarked() throws Exception {
        ChannelCommitter committer = committer(plugin((block, tx) -> {
            throw new ExecutionFailureException("state database unreachable");
        }), ChannelCommitter.RetryPolicy.STOP, Duration.ofSeconds(5));

        CannotValidateException e = assertThrows(CannotValidateException.class, () -> committer.commit(transaction));
        assertTrue(e.getMessage().contains("block 2 tx 0 namespace bench: validation plugin 'vscc' could not "
                + "decide: state database unreachable"), e.getMessage());
        assertEquals(2, ledger.chainInfo().height(), "the block is not committed");
        assertTrue(ledger.transactionAt(2, 0).isEmpty(), "nothing is marked invalid");
    }

    @Test
    void aPluginPastItsTimeBudgetIsAnExecutionFailure() throws Exception {
        ChannelCommitter committer = committer(plugin((block, tx) -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), ChannelCommitter.RetryPolicy.STOP, Duration.ofMillis(200));

        CannotValidateException e = assertThrows(CannotValidateException.class, () -> committer.commit(transaction));
        assertTrue(e.getMessage().endsWith("validation plugin 'vscc' ran past its time budget of 200 ms"), e.getMessage());
        assertEquals(2, ledger.chainInfo().height());
    }

    @Test
    void aCrashingPluginMarksItsTransactionInvalidAndThePeerGoesOn() throws Exception {
        ChannelCommitter committer = committer(plugin((block, tx) -> {
            throw new NullPointerException("plugin bug");
        }), ChannelCommitter.RetryPolicy.STOP, Duration.ofSeconds(5));

        Block stored = committer.commit(transaction);
        assertEquals(10, stored.getMetadata().getMetadata(2).byteAt(0), "ENDORSEMENT_POLICY_FAILURE");
        assertEquals(3, ledger.chainInfo().height());
    }

    @Test
    void aMissingPluginStopsTheChannel() throws Exception {
        ChannelCommitter committer = new ChannelCommitter(ledger, new BlockValidator(POOL, WATCHDOG, Duration.ofSeconds(5)),
                (name, dependencies) -> {
                    throw new IllegalStateException("handler validators." + name + " is not configured");
                }, ChannelCommitter.RetryPolicy.STOP, config);

        CannotValidateException e = assertThrows(CannotValidateException.class, () -> committer.commit(transaction));
        assertTrue(e.getMessage().contains("validation plugin 'vscc' is not available: handler validators.vscc "
                + "is not configured"), e.getMessage());
    }

    @Test
    void retriesAsConfiguredBeforeGivingUp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ChannelCommitter committer = committer(plugin((block, tx) -> {
            if (calls.incrementAndGet() < 3) {
                throw new ExecutionFailureException("transient");
            }
        }), new ChannelCommitter.RetryPolicy(2, Duration.ofMillis(10)), Duration.ofSeconds(5));

        Block stored = committer.commit(transaction);
        assertEquals(0, stored.getMetadata().getMetadata(2).byteAt(0), "valid on the third attempt");
        assertEquals(3, calls.get());
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

    private ChannelCommitter committer(ValidationPlugin plugin, ChannelCommitter.RetryPolicy retry, Duration budget) {
        return new ChannelCommitter(ledger, new BlockValidator(POOL, WATCHDOG, budget), (name, dependencies) -> plugin,
                retry, config);
    }
}
