package weft.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that does not order its channels ({@code peer.ordering.enabled: false}): it follows the ordering node
 * its channel's configuration names, commits the same blocks as the ordering node's own peer, and sends the
 * transactions it is given to that ordering node.
 */
class RemoteOrderingTest {

    @TempDir
    static Path crypto;

    @TempDir
    Path orderingData;

    @TempDir
    Path peerData;

    static TestNode node;
    private ChannelHost ordering;
    private ChannelHost peer;
    private InProcessOrderers orderers;

    @BeforeAll
    static void material() throws Exception {
        node = new TestNode(crypto.resolve("crypto"));
    }

    @BeforeEach
    void network() throws Exception {
        node.packages.clear();
        ordering = node.host(orderingData);
        ordering.join(GenesisBlocks.of(node.profile(TestNode.CHANNEL, TestNode.fastBatches())));
        TestNode.deployBasic(ordering, node.admin);
        orderers = new InProcessOrderers(ordering);
        peer = node.peerOnlyHost(peerData, orderers);
        peer.join(ordering.block(TestNode.CHANNEL, 0).orElseThrow());
    }

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
        ordering.close();
    }

    @Test
    void aPeerThatDoesNotOrderCommitsTheSameBlocksWithTheSameVerdictsAsTheOrderingNodesPeer() throws Exception {
        awaitHeight(peer, ordering.height(TestNode.CHANNEL));

        for (long number = 0; number < ordering.height(TestNode.CHANNEL); number++) {
            Block expected = ordering.block(TestNode.CHANNEL, number).orElseThrow();
            Block actual = peer.block(TestNode.CHANNEL, number).orElseThrow();
            assertEquals(expected.getHeader(), actual.getHeader(), "block " + number);
            assertEquals(expected.getMetadata(), actual.getMetadata(), "block " + number + " verdicts");
        }
        assertEquals(List.of("127.0.0.1:7050"), orderers.connected.get(0).addresses(),
                "the connection goes to the orderer address in the channel's configuration");
        assertTrue(!peer.ordersLocally(TestNode.CHANNEL) && ordering.ordersLocally(TestNode.CHANNEL));
    }

    @Test
    void aTransactionSubmittedToThePeerIsOrderedByTheOrderingNodeAndCommittedOnBothPeers() throws Exception {
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "remote1", "blue", "3", "Kim", "40"));
        ProposalResponse endorsed = ordering.endorse(proposed.signed());

        CommitStatus status = peer.submit(client.transaction(proposed, List.of(endorsed)), TestNode.TIMEOUT);

        assertEquals(TxValidationCode.VALID, status.code());
        awaitHeight(ordering, status.blockNumber() + 1);
        assertEquals(peer.block(TestNode.CHANNEL, status.blockNumber()).orElseThrow().getHeader(),
                ordering.block(TestNode.CHANNEL, status.blockNumber()).orElseThrow().getHeader());
    }

    @Test
    void theOrderingNodesRefusalReachesTheClientOfThePeerWithItsStatus() throws Exception {
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "remote2", "blue", "3", "Kim", "40"));
        var envelope = client.transaction(proposed, List.of(ordering.endorse(proposed.signed()))).toBuilder()
                .setPayload(com.google.protobuf.ByteString.copyFromUtf8("not a payload")).build();

        BroadcastException refused = assertThrows(BroadcastException.class,
                () -> peer.submit(envelope, TestNode.TIMEOUT));
        assertEquals(Status.BAD_REQUEST, refused.status());
    }

    @Test
    void aPeerThatDoesNotOrderAChannelCannotMigrateItsConsensus() {
        ChannelException refused = assertThrows(ChannelException.class,
                () -> peer.migrateConsensus(TestNode.CHANNEL, "raft", TestNode.TIMEOUT));
        assertTrue(refused.getMessage().contains("ordered by other nodes"), refused.getMessage());
    }

    @Test
    void aRestartedPeerResumesFromItsLedgerAndCatchesUpOnBlocksCutMeanwhile() throws Exception {
        awaitHeight(peer, ordering.height(TestNode.CHANNEL));
        peer.close();
        ChannelClient user = new ChannelClient(ordering, node.user, TestNode.TIMEOUT);
        long cut = user.submitStrings(TestNode.CHANNEL, "basic", List.of("TransferAsset", "asset1", "Zoe"))
                .status().blockNumber();

        peer = node.peerOnlyHost(peerData, orderers);
        assertEquals(List.of(TestNode.CHANNEL), peer.openJoined());
        awaitHeight(peer, cut + 1);

        assertEquals(ordering.block(TestNode.CHANNEL, cut).orElseThrow().getMetadata(),
                peer.block(TestNode.CHANNEL, cut).orElseThrow().getMetadata());
    }

    private static void awaitHeight(ChannelHost host, long height) throws InterruptedException {
        long deadline = System.nanoTime() + TestNode.TIMEOUT.toNanos();
        while (host.height(TestNode.CHANNEL) < height) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("height " + host.height(TestNode.CHANNEL) + ", expected " + height);
            }
            Thread.sleep(10);
        }
    }
}
