package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.plugin.Dependency;
import weft.api.validation.ContextDatum;
import weft.api.validation.InvalidTransactionException;
import weft.api.validation.ValidationPlugin;
import weft.runtime.committer.bench.SignedNetwork;
import weft.runtime.handlers.ServedPlugin;
import weft.runtime.handlers.ValidationSnapshot;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.policy.PolicyParser;

/**
 * The committer validates a whole block with the plugins of one snapshot taken at its start and closed when its
 * verdicts are in: a plugin replaced while a block is validated changes verdicts from the next block on, never
 * within a block. (How the handler registry keeps an old instance usable until its snapshots close is tested with
 * real bundles in the distribution's {@code HandlerSwapPaxExamIT}.)
 */
class BlockBoundarySwapTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    private SignedNetwork network;
    private ChannelLedger ledger;
    private ChannelConfig config;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        WATCHDOG.shutdownNow();
    }

    @BeforeEach
    void network() throws Exception {
        network = new SignedNetwork(3);
        ledger = ChannelLedger.open(dir, SignedNetwork.CHANNEL);
        Block genesis = network.genesis();
        ledger.commit(genesis, new byte[1]);
        ledger.commit(network.definition(PolicyParser.parse("OutOf(1,'Org1MSP.peer')")), new byte[1]);
        config = ChannelConfig.fromConfigBlock(genesis);
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
    }

    @Test
    void aPluginReplacedMidBlockChangesVerdictsFromTheNextBlockOn() throws Exception {
        SwappingPlugins plugins = new SwappingPlugins();
        ValidationPlugin rejecting = verdict(false, null);
        // The accepting plugin replaces itself with the rejecting one on its first call: mid-block.
        plugins.current.set(verdict(true, () -> plugins.current.set(rejecting)));
        ChannelCommitter committer = new ChannelCommitter(ledger,
                new BlockValidator(POOL, WATCHDOG, Duration.ofSeconds(5)), plugins, ChannelCommitter.RetryPolicy.STOP,
                config);

        Block second = committer.commit(network.transactions(4, 1));
        Block third = committer.commit(network.transactions(4, 1));

        for (int tx = 0; tx < 4; tx++) {
            assertEquals(0, second.getMetadata().getMetadata(2).byteAt(tx), "block 2 tx " + tx + " on the old plugin");
            assertEquals(10, third.getMetadata().getMetadata(2).byteAt(tx), "block 3 tx " + tx + " on the new plugin");
        }
        assertEquals(2, plugins.opened.get(), "one snapshot per block");
        assertEquals(2, plugins.closed.get(), "each closed when its block's verdicts are in");
    }

    /** Hands each block a snapshot of whatever {@link #current} is when the block starts. */
    private static final class SwappingPlugins implements ValidationPlugins {
        final AtomicReference<ValidationPlugin> current = new AtomicReference<>();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public ValidationPlugin plugin(String name, Dependency... dependencies) {
            throw new AssertionError("the committer asks its block's snapshot, not the registry, per transaction");
        }

        @Override
        public ValidationSnapshot forBlock(Dependency... dependencies) {
            opened.incrementAndGet();
            ValidationPlugin atStart = current.get();
            return new ValidationSnapshot() {
                @Override
                public ServedPlugin<ValidationPlugin> validationPlugin(String pluginName) {
                    return new ServedPlugin<>(atStart, Optional.empty());
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    private static ValidationPlugin verdict(boolean valid, Runnable onFirstCall) {
        AtomicInteger calls = new AtomicInteger();
        return new ValidationPlugin() {
            @Override
            public void init(Dependency... dependencies) {
            }

            @Override
            public void validate(Block block, String namespace, int txPosition, int actionPosition,
                                 ContextDatum... contextData) throws InvalidTransactionException {
                if (calls.getAndIncrement() == 0 && onFirstCall != null) {
                    onFirstCall.run();
                }
                if (!valid) {
                    throw new InvalidTransactionException("rejected by the new plugin");
                }
            }
        };
    }
}
