package weft.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BatchSize;
import weft.runtime.lifecycle.cli.LifecycleOptions;
import weft.runtime.metrics.PeerMetrics;

/**
 * A channel run as the peer runs it: joined from a generated genesis block, chaincode deployed through the real
 * lifecycle, transactions endorsed, ordered by solo, delivered and committed; restarts; the broadcast checks.
 */
class ChannelHostTest {

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

    private ChannelHost deployed() throws Exception {
        node.packages.clear();
        host = node.host(data);
        host.join(GenesisBlocks.of(node.profile(TestNode.CHANNEL, TestNode.fastBatches())));
        TestNode.deployBasic(host, node.admin);
        return host;
    }

    @Test
    void chaincodeDeployedThroughTheLifecycleCommitsEndorsedTransactionsAsValid() throws Exception {
        deployed();
        ChannelClient user = new ChannelClient(host, node.user, TestNode.TIMEOUT);

        ChannelClient.Submitted created = user.submitStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "asset7", "red", "5", "Ana", "300"));

        assertEquals(TxValidationCode.VALID, created.status().code());
        assertEquals(host.height(TestNode.CHANNEL) - 1, created.status().blockNumber());
        String read = user.evaluateStrings(TestNode.CHANNEL, "basic", List.of("ReadAsset", "asset7")).toStringUtf8();
        assertTrue(read.contains("\"ID\":\"asset7\"") && read.contains("\"owner\":\"Ana\"")
                || read.contains("asset7") && read.contains("Ana"), read);
        String initial = user.evaluateStrings(TestNode.CHANNEL, "basic", List.of("ReadAsset", "asset1")).toStringUtf8();
        assertTrue(initial.contains("asset1"), initial);
        assertEquals("1.0", new ChannelClient(host, node.admin, TestNode.TIMEOUT)
                .queryCommitted(TestNode.CHANNEL, "basic").getVersion());
    }

    @Test
    void anUpgradeCommittedWithTheNextSequenceServesLaterProposalsFromTheNewPackageWithoutARestart() throws Exception {
        deployed();
        ChannelClient admin = new ChannelClient(host, node.admin, TestNode.TIMEOUT);
        ChannelClient user = new ChannelClient(host, node.user, TestNode.TIMEOUT);
        assertTrue(user.evaluateStrings(TestNode.CHANNEL, "basic", List.of("ReadAsset", "asset1")).toStringUtf8()
                .contains("\"ID\":\"asset1\""), "version 1 serves the chaincode");

        String upgraded = admin.install(TestNode.CHANNEL, ByteString.copyFromUtf8("basic_2.0\nasset-transfer-basic v2"));
        LifecycleOptions options = LifecycleOptions.parse(List.of("-n", "basic", "-v", "2.0", "--sequence", "2",
                "--package-id", upgraded, "--escc", "escc", "--vscc", "vscc"));
        assertTrue(admin.approveForMyOrg(TestNode.CHANNEL, options).valid());
        assertTrue(user.evaluateStrings(TestNode.CHANNEL, "basic", List.of("ReadAsset", "asset1")).toStringUtf8()
                .contains("asset1"), "an approval alone does not switch: sequence 1 is still the committed one");
        assertTrue(admin.commitDefinition(TestNode.CHANNEL, options).valid());

        assertEquals("served by basic_2.0", user.evaluateStrings(TestNode.CHANNEL, "basic",
                List.of("ReadAsset", "asset1")).toStringUtf8());
        assertEquals(2, admin.queryCommitted(TestNode.CHANNEL, "basic").getSequence());
        assertEquals("2.0", admin.queryCommitted(TestNode.CHANNEL, "basic").getVersion());
    }

    /** What a channel host recorded, one line per event. */
    private static final class RecordedMetrics implements PeerMetrics {
        final List<String> blocks = new CopyOnWriteArrayList<>();
        final List<String> pluginCalls = new CopyOnWriteArrayList<>();
        final List<String> proposals = new CopyOnWriteArrayList<>();

        @Override
        public void blockCommitted(String channel, long height, long commitNanos, Map<String, Integer> codes) {
            blocks.add(channel + " " + height + " " + new TreeMap<>(codes));
        }

        @Override
        public void validationPluginCall(String channel, String plugin, long nanos, boolean valid) {
            pluginCalls.add(channel + " " + plugin + " " + valid);
        }

        @Override
        public void proposalProcessed(String channel, String chaincode, long nanos, boolean success) {
            proposals.add(channel + " " + chaincode + " " + success);
        }
    }

    @Test
    void commitsValidationPluginCallsAndProposalsAreRecordedToTheMetrics() throws Exception {
        RecordedMetrics metrics = new RecordedMetrics();
        node.packages.clear();
        host = node.host(data, metrics);
        host.join(GenesisBlocks.of(node.profile(TestNode.CHANNEL, TestNode.fastBatches())));
        TestNode.deployBasic(host, node.admin);
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "asset9", "green", "4", "Ida", "200"));
        Envelope transaction = client.transaction(proposed, List.of(host.endorse(proposed.signed())));
        host.submit(transaction, TestNode.TIMEOUT);
        CommitStatus duplicate = host.submit(transaction, TestNode.TIMEOUT);

        long height = host.height(TestNode.CHANNEL);
        assertEquals(height - 1, metrics.blocks.size(), "every block after the genesis block: " + metrics.blocks);
        assertEquals(TestNode.CHANNEL + " " + height + " {DUPLICATE_TXID=1}", metrics.blocks.get(metrics.blocks.size() - 1));
        assertEquals(duplicate.blockNumber() + 1, height);
        assertTrue(metrics.pluginCalls.contains(TestNode.CHANNEL + " vscc true"), metrics.pluginCalls.toString());
        assertTrue(metrics.proposals.contains(TestNode.CHANNEL + " basic true"), metrics.proposals.toString());
        assertTrue(metrics.proposals.contains(TestNode.CHANNEL + " _lifecycle true"), metrics.proposals.toString());
    }

    @Test
    void theSameTransactionSubmittedTwiceIsCommittedAsDuplicateTheSecondTime() throws Exception {
        deployed();
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "asset8", "blue", "3", "Bo", "100"));
        Envelope transaction = client.transaction(proposed, List.of(host.endorse(proposed.signed())));

        CommitStatus first = host.submit(transaction, TestNode.TIMEOUT);
        CommitStatus second = host.submit(transaction, TestNode.TIMEOUT);

        assertEquals(TxValidationCode.VALID, first.code());
        assertEquals(TxValidationCode.DUPLICATE_TXID, second.code());
        assertTrue(second.blockNumber() > first.blockNumber());
    }

    @Test
    void orderReturnsOnceOrderedAndTheCommitStatusCommittedBlockAndOrderedBlockFollow() throws Exception {
        deployed();
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "asset9", "red", "1", "Al", "1"));
        Envelope transaction = client.transaction(proposed, List.of(host.endorse(proposed.signed())));

        host.order(transaction, TestNode.TIMEOUT);
        long deadline = System.nanoTime() + TestNode.TIMEOUT.toNanos();
        while (host.commitStatus(TestNode.CHANNEL, proposed.txId()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        CommitStatus status = host.commitStatus(TestNode.CHANNEL, proposed.txId()).orElseThrow();
        assertEquals(TxValidationCode.VALID, status.code());
        var committed = host.block(TestNode.CHANNEL, status.blockNumber()).orElseThrow();
        var ordered = host.orderedBlock(TestNode.CHANNEL, status.blockNumber()).orElseThrow();
        assertEquals(ordered.getData(), committed.getData());
        assertEquals(TxValidationCode.VALID_VALUE, committed.getMetadata()
                .getMetadata(org.hyperledger.fabric.protos.common.BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).byteAt(0));
        assertTrue(host.orderedHeight(TestNode.CHANNEL) >= host.height(TestNode.CHANNEL));
        assertTrue(host.block(TestNode.CHANNEL, host.height(TestNode.CHANNEL) + 10).isEmpty());
        assertTrue(host.commitStatus(TestNode.CHANNEL, "no-such-transaction").isEmpty());
        assertThrows(ChannelException.class, () -> host.commitStatus("nosuchchannel", proposed.txId()));
        GatewayClient.Proposed elsewhere = client.proposeStrings("nosuchchannel", "basic", List.of("ReadAsset", "a"));
        ProposalResponse endorsedElsewhere = host.endorse(client.proposeStrings(TestNode.CHANNEL, "basic",
                List.of("ReadAsset", "asset9")).signed());
        Envelope misdirected = client.transaction(elsewhere, List.of(endorsedElsewhere));
        BroadcastException unknown = assertThrows(BroadcastException.class,
                () -> host.order(misdirected, TestNode.TIMEOUT));
        assertEquals(Status.NOT_FOUND, unknown.status());
    }

    @Test
    void checkPolicyAcceptsAChannelMembersSignatureAndRefusesAForgedOne() throws Exception {
        deployed();
        ByteString data = ByteString.copyFromUtf8("a request");
        List<weft.api.identity.SignedData> signed = List.of(new weft.api.identity.SignedData(data,
                node.user.serialize(), node.user.sign(data)));
        List<weft.api.identity.SignedData> forged = List.of(new weft.api.identity.SignedData(data,
                node.user.serialize(), node.user.sign(ByteString.copyFromUtf8("something else"))));

        host.checkPolicy(TestNode.CHANNEL, "/Channel/Application/Readers", signed);
        assertThrows(weft.runtime.policy.PolicyException.class,
                () -> host.checkPolicy(TestNode.CHANNEL, "/Channel/Application/Readers", forged));
        assertThrows(ChannelException.class, () -> host.checkPolicy("nosuchchannel", "/Channel/Readers", signed));
    }

    @Test
    void restartResumesFromTheLedgerWithoutRecommittingOrLosingBlocks() throws Exception {
        deployed();
        long height = host.height(TestNode.CHANNEL);
        host.close();

        host = node.host(data);
        assertEquals(List.of(TestNode.CHANNEL), host.openJoined());
        Thread.sleep(300); // the deliver loop would commit anything the orderer held beyond the ledger
        assertEquals(height, host.height(TestNode.CHANNEL), "nothing committed twice, nothing lost");
        ChannelClient user = new ChannelClient(host, node.user, TestNode.TIMEOUT);
        CommitStatus next = user.submitStrings(TestNode.CHANNEL, "basic",
                List.of("TransferAsset", "asset1", "Zoe")).status();
        assertEquals(height, next.blockNumber(), "block numbers continue");
        assertTrue(user.evaluateStrings(TestNode.CHANNEL, "basic", List.of("ReadAsset", "asset1")).toStringUtf8()
                .contains("Zoe"));
    }

    @Test
    void aLedgerBehindTheOrderersBlockStoreCatchesUpOnOpeningButItsPrivateDataIsGone() throws Exception {
        deployed();
        long height = host.height(TestNode.CHANNEL);
        host.close();
        // Lose the peer's ledger entirely; the orderer's block store still holds every block.
        deleteRecursively(data.resolve("chains"));
        deleteRecursively(data.resolve("stores"));

        host = node.host(data);
        host.openJoined();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (host.height(TestNode.CHANNEL) < height && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(height, host.height(TestNode.CHANNEL));
        ChannelClient admin = new ChannelClient(host, node.admin, TestNode.TIMEOUT);
        assertEquals(1, admin.queryCommitted(TestNode.CHANNEL, "basic").getSequence(), "public state is rebuilt");
        // The organisation's approval (which package runs the chaincode) was private data; the blocks carry only
        // its hashes, so a rebuilt ledger records it as missing and the peer says why it cannot run the chaincode
        // (Fabric would fetch it from another peer of the organisation).
        ChannelClient.ClientException refused = assertThrows(ChannelClient.ClientException.class,
                () -> new ChannelClient(host, node.user, TestNode.TIMEOUT).evaluateStrings(TestNode.CHANNEL, "basic",
                        List.of("ReadAsset", "asset2")));
        assertTrue(refused.getMessage().contains("approved no installed package"), refused.getMessage());
    }

    @Test
    void broadcastRefusesMalformedUnknownAndForbiddenEnvelopesWithFabricsStatus() throws Exception {
        deployed();
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "asset9", "green", "1", "Cy", "10"));
        Envelope good = client.transaction(proposed, List.of(host.endorse(proposed.signed())));

        assertStatus(Status.BAD_REQUEST, () -> host.submit(ByteString.copyFromUtf8("not an envelope"), TestNode.TIMEOUT));
        assertStatus(Status.BAD_REQUEST, () -> host.submit(Envelope.newBuilder().setSignature(good.getSignature())
                .build(), TestNode.TIMEOUT));
        assertStatus(Status.FORBIDDEN, () -> host.submit(good.toBuilder().setSignature(ByteString.copyFrom(
                node.peer.sign(good.getPayload()).toByteArray())).build(), TestNode.TIMEOUT));
        // A creator from an organisation that is not in the channel.
        TestNode stranger = new TestNode(crypto.resolve("stranger-" + System.nanoTime()));
        GatewayClient foreign = new GatewayClient(stranger.user);
        GatewayClient.Proposed foreignProposal = foreign.proposeStrings(TestNode.CHANNEL, "basic", List.of("InitLedger"));
        Envelope foreignTx = foreign.transaction(foreignProposal, List.of(ProposalResponse.newBuilder()
                .setResponse(org.hyperledger.fabric.protos.peer.Response.newBuilder().setStatus(200))
                .setEndorsement(org.hyperledger.fabric.protos.peer.Endorsement.getDefaultInstance()).build()));
        assertStatus(Status.FORBIDDEN, () -> host.submit(foreignTx, TestNode.TIMEOUT));
        GatewayClient.Proposed elsewhere = client.proposeStrings("otherchannel", "basic", List.of("InitLedger"));
        assertStatus(Status.NOT_FOUND, () -> host.submit(client.transaction(elsewhere, List.of(ProposalResponse
                .newBuilder().setResponse(org.hyperledger.fabric.protos.peer.Response.newBuilder().setStatus(200))
                .setEndorsement(org.hyperledger.fabric.protos.peer.Endorsement.getDefaultInstance()).build())),
                TestNode.TIMEOUT));
        long height = host.height(TestNode.CHANNEL);

        assertEquals(TxValidationCode.VALID, host.submit(good, TestNode.TIMEOUT).code(), "the good one still goes");
        assertEquals(height + 1, host.height(TestNode.CHANNEL), "nothing refused was ordered");
    }

    @Test
    void anEnvelopeLargerThanAbsoluteMaxBytesIsRefused() throws Exception {
        host = node.host(data);
        host.join(GenesisBlocks.of(node.profile("smallchannel", new BatchConfig(new BatchSize(10, 3000, 2000),
                Duration.ofMillis(100)))));
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings("smallchannel", "basic", List.of("CreateAsset",
                "x".repeat(4000)));
        Envelope big = client.transaction(proposed, List.of(ProposalResponse.newBuilder()
                .setResponse(org.hyperledger.fabric.protos.peer.Response.newBuilder().setStatus(200))
                .setEndorsement(org.hyperledger.fabric.protos.peer.Endorsement.getDefaultInstance()).build()));

        BroadcastException e = assertThrows(BroadcastException.class, () -> host.submit(big, TestNode.TIMEOUT));

        assertEquals(Status.BAD_REQUEST, e.status());
        assertTrue(e.getMessage().contains("more than the channel's AbsoluteMaxBytes of 3000 bytes"), e.getMessage());
    }

    @Test
    void aChannelWhoseConsensusTypeNoBundleServesIsNotOpened() throws Exception {
        host = node.host(data);
        var profile = node.profile("raftchannel", TestNode.fastBatches());
        var raft = new weft.runtime.configtx.ChannelProfile("raftchannel", profile.ordererOrganizations(),
                profile.applicationOrganizations(), new weft.runtime.configtx.OrdererSettings("bft", ByteString.EMPTY,
                TestNode.fastBatches()), List.of());

        ChannelException e = assertThrows(ChannelException.class, () -> host.join(GenesisBlocks.of(raft)));

        assertTrue(e.getMessage().contains("no consenter bundle serves consensus type 'bft'"), e.getMessage());
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertStatus(Status expected, Call call) {
        BroadcastException e = assertThrows(BroadcastException.class, call::run);
        assertEquals(expected, e.status(), e.getMessage());
    }

    private static void deleteRecursively(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
