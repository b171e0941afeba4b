package weft.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.lifecycle.cli.LifecycleOptions;

/**
 * A channel of two organisations, each with its own peer: Org1's peer on the ordering node, Org2's peer following
 * it. The chaincode is deployed as Fabric's test network does it — each organisation installs and approves on its
 * own peer, the definition is committed with both peers' endorsements — and the channel's MAJORITY endorsement
 * policy then needs both organisations.
 */
class TwoOrganizationChannelTest {

    @TempDir
    static Path crypto;

    @TempDir
    Path org1Data;

    @TempDir
    Path org2Data;

    static TestNode node;
    private ChannelHost org1;
    private ChannelHost org2;

    @BeforeAll
    static void material() throws Exception {
        node = new TestNode(crypto.resolve("crypto"));
    }

    @AfterEach
    void close() {
        if (org2 != null) {
            org2.close();
        }
        if (org1 != null) {
            org1.close();
        }
    }

    @Test
    void eachOrganisationApprovesOnItsOwnPeerAndTransactionsNeedBothEndorsements() throws Exception {
        node.packages.clear();
        org1 = node.host(org1Data);
        org1.join(GenesisBlocks.of(node.twoOrgProfile(TestNode.CHANNEL, TestNode.fastBatches())));
        org2 = node.peerOnlyHost(org2Data, new InProcessOrderers(org1), node.org2Peer, new TestNode.MemoryPackages());
        org2.join(org1.block(TestNode.CHANNEL, 0).orElseThrow());
        ChannelClient admin1 = new ChannelClient(org1, List.of(org2), node.admin, TestNode.TIMEOUT);
        ChannelClient admin2 = new ChannelClient(org2, List.of(org1), node.org2Admin, TestNode.TIMEOUT);
        ByteString chaincodePackage = ByteString.copyFromUtf8("basic_1.0\nasset-transfer-basic");
        String packageId = admin1.install(TestNode.CHANNEL, chaincodePackage);
        assertEquals(packageId, admin2.install(TestNode.CHANNEL, chaincodePackage));
        LifecycleOptions options = LifecycleOptions.parse(List.of("-n", "basic", "-v", "1.0", "--sequence", "1",
                "--package-id", packageId));

        assertTrue(admin1.approveForMyOrg(TestNode.CHANNEL, options).valid());
        assertTrue(admin2.approveForMyOrg(TestNode.CHANNEL, options).valid());
        assertTrue(admin1.commitDefinition(TestNode.CHANNEL, options).valid());
        CommitStatus init = admin1.submitStrings(TestNode.CHANNEL, "basic", List.of("InitLedger")).status();
        assertEquals(TxValidationCode.VALID, init.code());

        ChannelClient user = new ChannelClient(org2, List.of(org1), node.user, TestNode.TIMEOUT);
        CommitStatus created = user.submitStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "both", "green", "1", "Ola", "10")).status();
        assertEquals(TxValidationCode.VALID, created.code());
        awaitHeight(org1, created.blockNumber() + 1);
        String read = new ChannelClient(org1, node.user, TestNode.TIMEOUT)
                .evaluateStrings(TestNode.CHANNEL, "basic", List.of("ReadAsset", "both")).toStringUtf8();
        assertTrue(read.contains("Ola"), "Org1's peer committed the transaction submitted through Org2's: " + read);

        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed onlyOrg1 = client.proposeStrings(TestNode.CHANNEL, "basic",
                List.of("CreateAsset", "one", "green", "1", "Ola", "10"));
        CommitStatus policyFailure = org1.submit(client.transaction(onlyOrg1, List.of(org1.endorse(onlyOrg1.signed()))),
                TestNode.TIMEOUT);
        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, policyFailure.code(),
                "MAJORITY of two organisations needs both");
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
