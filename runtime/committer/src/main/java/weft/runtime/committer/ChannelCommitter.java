package weft.runtime.committer;

import java.time.Duration;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.plugin.Dependency;
import weft.runtime.committer.dependencies.ChannelPolicyEvaluator;
import weft.runtime.committer.dependencies.CollectionPolicies;
import weft.runtime.committer.dependencies.CommittedStateFetcher;
import weft.runtime.committer.lifecycle.ChaincodeDefinitions;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.LedgerException;

/**
 * Commits a channel's blocks: the first creates the ledger unvalidated (the genesis block); every later one is
 * validated by {@link BlockValidator}, then MVCC-checked and stored by the ledger; a valid config block then
 * becomes the channel's configuration. When a block cannot be validated (an execution failure) it is retried as
 * configured and then refused, so that the channel stops rather than diverges.
 */
public final class ChannelCommitter {

    private static final System.Logger LOG = System.getLogger(ChannelCommitter.class.getName());

    /** How often to retry a block that could not be validated, and how long to wait between attempts. */
    public record RetryPolicy(int retries, Duration backoff) {
        public static final RetryPolicy STOP = new RetryPolicy(0, Duration.ZERO);
    }

    private final ChannelLedger ledger;
    private final BlockValidator validator;
    private final ValidationPlugins plugins;
    private final RetryPolicy retry;
    private final ChaincodeDefinitions definitions;
    private final Dependency[] pluginDependencies;
    private volatile ChannelConfig config;

    /** @param config the channel's configuration as of the ledger's last config block, or null for an empty ledger */
    public ChannelCommitter(ChannelLedger ledger, BlockValidator validator, ValidationPlugins plugins,
                            RetryPolicy retry, ChannelConfig config) {
        this.ledger = ledger;
        this.validator = validator;
        this.plugins = plugins;
        this.retry = retry;
        this.definitions = new ChaincodeDefinitions(ledger.state());
        this.config = config;
        // The channel's current policies (config blocks change them), its committed state, its collection policies.
        this.pluginDependencies = new Dependency[] {new ChannelPolicyEvaluator(this::config),
                new CommittedStateFetcher(ledger.state(), ledger.metadataHint()), new CollectionPolicies(this::config, definitions)};
    }

    /** The configuration in force; plugins' dependencies read it through this. */
    public ChannelConfig config() {
        return config;
    }

    public ChaincodeDefinitions definitions() {
        return definitions;
    }

    /** What this channel's validation plugins are initialised with. */
    public Dependency[] pluginDependencies() {
        return pluginDependencies.clone();
    }

    /** Validates and commits the next block; returns it as stored (with its final TRANSACTIONS_FILTER). */
    public Block commit(Block block) throws BlockSignatures.BlockRejectedException, CannotValidateException,
            LedgerException, ChannelConfig.ConfigException {
        if (ledger.chainInfo().height() == 0) {
            ChannelConfig genesis = ChannelConfig.fromConfigBlock(block);
            Block stored = ledger.commit(block, new byte[block.getData().getDataCount()]);
            config = genesis;
            return stored;
        }
        byte[] flags = validateWithRetries(block);
        Block stored = ledger.commit(block, flags);
        Optional<ConfigEnvelope> update = ChannelConfig.configEnvelope(block);
        if (update.isPresent() && stored.getMetadata().getMetadata(2).byteAt(0) == TxValidationCode.VALID_VALUE) {
            config = ChannelConfig.from(config.channelId(), update.get());
            LOG.log(System.Logger.Level.INFO, "channel {0}: configuration sequence {1} from block {2}",
                    config.channelId(), config.sequence(), block.getHeader().getNumber());
        }
        return stored;
    }

    private byte[] validateWithRetries(Block block) throws BlockSignatures.BlockRejectedException, CannotValidateException {
        BlockValidator.Context context = new BlockValidator.Context(config, ledger::txIdExists, definitions, plugins,
                pluginDependencies);
        for (int attempt = 0; ; attempt++) {
            try {
                return validator.validate(block, context);
            } catch (CannotValidateException e) {
                if (attempt >= retry.retries()) {
                    LOG.log(System.Logger.Level.ERROR, "channel " + config.channelId() + ": block "
                            + block.getHeader().getNumber() + " cannot be validated; not committing it: " + e.getMessage());
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "channel " + config.channelId() + ": block "
                        + block.getHeader().getNumber() + " cannot be validated (attempt " + (attempt + 1) + " of "
                        + (retry.retries() + 1) + "), retrying: " + e.getMessage());
                try {
                    Thread.sleep(retry.backoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
