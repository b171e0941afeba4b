package weft.runtime.committer.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import weft.plugins.vscc.DefaultValidationFactory;
import weft.runtime.committer.BlockValidator;
import weft.runtime.committer.ChannelCommitter;
import weft.runtime.committer.OncePlugins;
import weft.runtime.committer.ValidationPlugins;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.LedgerException;

/** A committer over a fresh ledger with DefaultValidation as {@code vscc}, wired as a peer wires it. */
public record BenchWiring(ChannelLedger ledger, ChannelCommitter committer, BlockValidator validator,
                          ValidationPlugins plugins) implements AutoCloseable {

    public static BenchWiring wire(Path dir, ExecutorService pool, ScheduledExecutorService pluginCalls)
            throws LedgerException {
        ChannelLedger ledger = ChannelLedger.open(dir, SignedNetwork.CHANNEL);
        BlockValidator validator = new BlockValidator(pool, pluginCalls, Duration.ofSeconds(30));
        ValidationPlugins plugins = new OncePlugins(new DefaultValidationFactory().newPlugin());
        ChannelCommitter committer = new ChannelCommitter(ledger, validator, plugins, ChannelCommitter.RetryPolicy.STOP, null);
        return new BenchWiring(ledger, committer, validator, plugins);
    }

    @Override
    public void close() throws LedgerException {
        ledger.close();
    }
}
