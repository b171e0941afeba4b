package weft.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.config.ValidationSettings;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.lifecycle.cli.LifecycleOptions;

/**
 * Pinned validation plugins on a running channel: a definition approved and committed with {@code --vscc-pin}
 * is validated as usual when the peer's plugin is the pinned one, and when it is not, the channel stops at the
 * first block with such a transaction instead of committing it with a verdict, and says why.
 */
class PluginPinningChannelTest {

    @TempDir
    static Path crypto;

    @TempDir
    Path data;

    static TestNode node;
    private ChannelHost host;

    @BeforeAll
    static void material() throws Exception {
        node = new TestNode(crypto.resolve("crypto"));
    }

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    /** Deploys basic, then upgrades it to sequence 2 with its validation plugin pinned to {@code pin}. */
    private void deployPinnedTo(PluginIdentity pin) throws Exception {
        node.packages.clear();
        // No retries: a block this peer cannot validate stops the channel at once.
        host = node.host(data, new ValidationSettings(2, ValidationSettings.DEFAULT_PLUGIN_TIMEOUT, 0, Duration.ZERO));
        host.join(GenesisBlocks.of(node.profile(TestNode.CHANNEL, TestNode.fastBatches())));
        TestNode.deployBasic(host, node.admin);
        ChannelClient admin = new ChannelClient(host, node.admin, TestNode.TIMEOUT);
        String packageId = node.packages.list().get(0).packageId();
        LifecycleOptions pinned = LifecycleOptions.parse(List.of("-n", "basic", "-v", "1.1", "--sequence", "2",
                "--package-id", packageId, "--vscc-pin", pin.pinText()));
        assertTrue(admin.approveForMyOrg(TestNode.CHANNEL, pinned).valid());
        assertTrue(admin.commitDefinition(TestNode.CHANNEL, pinned).valid());
        assertEquals("vscc@" + pin.pinText(), admin.queryCommitted(TestNode.CHANNEL, "basic").getValidationPlugin());
    }

    @Test
    void aDefinitionPinnedToThePeersPluginCommitsItsTransactionsAsUsual() throws Exception {
        deployPinnedTo(TestNode.VALIDATION_IDENTITY);
        ChannelClient user = new ChannelClient(host, node.user, TestNode.TIMEOUT);

        ChannelClient.Submitted created = user.submitStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "asset7", "red", "5", "Ana", "300"));

        assertEquals(TxValidationCode.VALID, created.status().code());
    }

    @Test
    void aDefinitionPinnedToOtherPluginCodeStopsTheChannelBeforeCommittingItsTransactions() throws Exception {
        PluginIdentity other = new PluginIdentity("DefaultValidation", "weft.plugins.vscc", "0.2.0",
                "ab".repeat(32));
        deployPinnedTo(other);
        long height = host.height(TestNode.CHANNEL);
        ChannelClient user = new ChannelClient(host, node.user, Duration.ofSeconds(3));

        assertThrows(ChannelClient.ClientException.class, () -> user.submitStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "asset7", "red", "5", "Ana", "300")));

        assertEquals(height, host.height(TestNode.CHANNEL), "the block is not committed, with or without a verdict");
        String halted = host.halted(TestNode.CHANNEL).orElseThrow();
        assertTrue(halted.contains("namespace basic: the chaincode definition pins validation plugin 'vscc' to "
                + other + ", but this peer's 'vscc' is " + TestNode.VALIDATION_IDENTITY
                + "; not validating with a different plugin"), halted);
    }
}
