package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.plugins.vscc.DefaultValidationFactory;
import weft.runtime.committer.bench.SignedNetwork;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.handlers.PluginReference;
import weft.runtime.handlers.ServedPlugin;
import weft.runtime.handlers.ValidationSnapshot;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.policy.PolicyParser;

/**
 * A chaincode definition that pins its validation plugin is validated only by exactly that code: a peer whose
 * plugin has another bundle version or jar digest does not validate the block at all (an execution failure naming
 * both identities), and unpinned definitions do not care what serves the plugin. Uses DefaultValidation on a
 * generated, properly signed network; block 2 holds two transactions of chaincode {@code bench}.
 */
class PluginPinningTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor();
    private static final PluginIdentity INSTALLED = new PluginIdentity("DefaultValidation", "weft.plugins.vscc",
            "0.1.0", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

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
        config = ChannelConfig.fromConfigBlock(genesis);
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
    }

    @Test
    void aPinMatchingTheInstalledPluginValidatesAsUsual() throws Exception {
        define(PluginReference.pinned("vscc", INSTALLED).text());

        Block stored = committer(INSTALLED).commit(network.transactions(2, 2));

        assertEquals(0, stored.getMetadata().getMetadata(2).byteAt(0));
        assertEquals(0, stored.getMetadata().getMetadata(2).byteAt(1));
        assertEquals(3, ledger.chainInfo().height());
    }

    @Test
    void aPinToAnotherBundleVersionIsAnExecutionFailureNamingBothIdentities() throws Exception {
        PluginIdentity pinned = new PluginIdentity("DefaultValidation", "weft.plugins.vscc", "0.2.0", INSTALLED.sha256());
        define(PluginReference.pinned("vscc", pinned).text());

        CannotValidateException e = assertThrows(CannotValidateException.class,
                () -> committer(INSTALLED).commit(network.transactions(2, 2)));

        assertEquals("block 2 tx 0 namespace bench: the chaincode definition pins validation plugin 'vscc' to "
                + "DefaultValidation (bundle weft.plugins.vscc 0.2.0, sha256:" + INSTALLED.sha256() + "), but this "
                + "peer's 'vscc' is DefaultValidation (bundle weft.plugins.vscc 0.1.0, sha256:" + INSTALLED.sha256()
                + "); not validating with a different plugin", e.getMessage());
        assertEquals(2, ledger.chainInfo().height(), "the block is not committed");
        assertTrue(ledger.transactionAt(2, 0).isEmpty(), "nothing is marked invalid");
    }

    @Test
    void aPinToAnotherJarDigestIsAnExecutionFailure() throws Exception {
        PluginIdentity pinned = new PluginIdentity("DefaultValidation", "weft.plugins.vscc", "0.1.0", "ab".repeat(32));
        define(PluginReference.pinned("vscc", pinned).text());

        CannotValidateException e = assertThrows(CannotValidateException.class,
                () -> committer(INSTALLED).commit(network.transactions(1, 2)));

        assertTrue(e.getMessage().contains("sha256:" + "ab".repeat(32) + "), but this peer's 'vscc' is "
                + "DefaultValidation (bundle weft.plugins.vscc 0.1.0, sha256:" + INSTALLED.sha256() + ")"), e.getMessage());
        assertEquals(2, ledger.chainInfo().height());
    }

    @Test
    void aPinCannotMatchAPluginOfUnknownIdentity() throws Exception {
        define(PluginReference.pinned("vscc", INSTALLED).text());
        ValidationPlugin plugin = new DefaultValidationFactory().newPlugin();

        CannotValidateException e = assertThrows(CannotValidateException.class, () -> new ChannelCommitter(ledger,
                new BlockValidator(POOL, WATCHDOG, Duration.ofSeconds(5)), new OncePlugins(plugin),
                ChannelCommitter.RetryPolicy.STOP, config).commit(network.transactions(1, 2)));

        assertTrue(e.getMessage().endsWith("but this peer's 'vscc' is of unknown identity; not validating with a "
                + "different plugin"), e.getMessage());
    }

    @Test
    void anUnpinnedDefinitionIsValidatedWhateverServesThePlugin() throws Exception {
        define("vscc");
        PluginIdentity other = new PluginIdentity("DefaultValidation", "acme.vscc", "9.0.0", "cd".repeat(32));

        Block stored = committer(other).commit(network.transactions(1, 2));

        assertEquals(0, stored.getMetadata().getMetadata(2).byteAt(0));
    }

    @Test
    void aMalformedPinIsAnExecutionFailure() throws Exception {
        define("vscc@DefaultValidation/weft.plugins.vscc/0.1.0#sha256:nothex");

        CannotValidateException e = assertThrows(CannotValidateException.class,
                () -> committer(INSTALLED).commit(network.transactions(1, 2)));

        assertTrue(e.getMessage().contains("the chaincode definition's validation plugin 'vscc@DefaultValidation/"
                + "weft.plugins.vscc/0.1.0#sha256:nothex' is not a plugin name or a valid pin: the digest of plugin "
                + "pin"), e.getMessage());
    }

    @Test
    void aPinnedDefinitionValidatesOnceTheRightPluginIsInstalledAndTheBlockRetried() throws Exception {
        define(PluginReference.pinned("vscc", INSTALLED).text());
        PluginIdentity older = new PluginIdentity("DefaultValidation", "weft.plugins.vscc", "0.0.9", "cd".repeat(32));
        Block block = network.transactions(1, 2);
        assertThrows(CannotValidateException.class, () -> committer(older).commit(block));

        Block stored = committer(INSTALLED).commit(block);

        assertEquals(0, stored.getMetadata().getMetadata(2).byteAt(0));
    }

    private void define(String validationPlugin) throws Exception {
        ledger.commit(network.definition(PolicyParser.parse("OutOf(2,'Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')"),
                validationPlugin), new byte[1]);
    }

    /** A committer whose plugin {@code vscc} is DefaultValidation, reported as having {@code identity}. */
    private ChannelCommitter committer(PluginIdentity identity) {
        ValidationPlugin plugin = new DefaultValidationFactory().newPlugin();
        OncePlugins once = new OncePlugins(plugin);
        ValidationPlugins plugins = new ValidationPlugins() {
            @Override
            public ValidationPlugin plugin(String name, Dependency... dependencies) throws Exception {
                return once.plugin(name, dependencies);
            }

            @Override
            public ValidationSnapshot forBlock(Dependency... dependencies) {
                return new ValidationSnapshot() {
                    @Override
                    public ServedPlugin<ValidationPlugin> validationPlugin(String pluginName) {
                        try {
                            return new ServedPlugin<>(once.plugin(pluginName, dependencies), Optional.of(identity));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        return new ChannelCommitter(ledger, new BlockValidator(POOL, WATCHDOG, Duration.ofSeconds(5)), plugins,
                ChannelCommitter.RetryPolicy.STOP, config);
    }
}
