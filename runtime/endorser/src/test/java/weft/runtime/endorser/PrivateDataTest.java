package weft.runtime.endorser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.endorser.chaincode.ContractChaincode;
import weft.runtime.ledger.pvtdata.MissingPrivateData;
import weft.runtime.ledger.state.HashedState;
import weft.runtime.ledger.state.PrivateState;
import weft.runtime.lifecycle.LifecycleChaincode;

/**
 * Private data across two peers with real certificates, endorsement, validation and LevelDB: a private write
 * endorsed on Org1's peer is committed there in clear and readable, while Org2's peer (not a member) commits only
 * its hashes; and the package a peer runs comes from its own organisation's lifecycle approval.
 */
class PrivateDataTest {

    private static final String CH = TestNetwork.CHANNEL;
    private static final String CC = "assets";
    private static final String POLICY = "OR('Org1MSP.peer', 'Org2MSP.peer')";
    private static final String ORG1_ONLY = "org1only";

    @TempDir
    Path dir;

    private TwoPeers peers;

    @AfterEach
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    /** Both peers run {@link AssetContract} by development binding; "assets" has collection org1only. */
    private TwoPeers withOrg1OnlyCollection() throws Exception {
        peers = new TwoPeers(dir, Map.of(CC, "assets_1.0:dev"));
        peers.packages.put("assets_1.0:dev", ContractChaincode.of(List.of(new AssetContract())));
        CollectionConfigPackage collections = CollectionConfigPackage.newBuilder().addConfig(CollectionConfig.newBuilder()
                .setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName(ORG1_ONLY)
                        .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                                .setSignaturePolicy(TestNetwork.policy("OR('Org1MSP.member')")))
                        .setRequiredPeerCount(0).setMaximumPeerCount(1))).build();
        peers.commit(peers.network.definition(CC, "1.0", POLICY, false, collections));
        return peers;
    }

    private Client.Signed storeSecret(Client client, String key, String secret) {
        return client.propose(CH, CC, Map.of("secret", ByteString.copyFromUtf8(secret)), false,
                UnaryOperator.identity(), "StoreSecret", ORG1_ONLY, key);
    }

    @Test
    void aPrivateWriteEndorsedByAMemberIsCommittedInClearThereAndAsHashesOnlyOnANonMember() throws Exception {
        withOrg1OnlyCollection();
        Client client = new Client(peers.network.org1().signer(peers.network.org1().client()));
        Client.Signed store = storeSecret(client, "k1", "s3cret");
        ProposalResult endorsed = peers.org1.endorse(store);
        assertTrue(endorsed.privateData().isPresent(), "the clear write set stays with the peer");
        assertEquals(1, peers.org1.ledger.transientStore().entries(store.txId()).size(), "kept in the transient store");

        Block block = peers.commit(List.of(client.transaction(store, List.of(endorsed.response()))));

        assertEquals(TxValidationCode.VALID_VALUE, block.getMetadata().getMetadata(2).byteAt(0));
        assertEquals("s3cret", peers.org1.ledger.state().get(PrivateState.namespace(CC, ORG1_ONLY), "k1").orElseThrow()
                .value().toStringUtf8());
        assertEquals(List.of(), peers.org1.ledger.transientStore().entries(store.txId()), "purged at commit");
        ProposalResponse read = peers.org1.endorse(client.propose(CH, CC, "ReadSecret", ORG1_ONLY, "k1")).response();
        assertEquals("s3cret", read.getResponse().getPayload().toStringUtf8());

        String keyHash = HashedState.key(Client.sha256(ByteString.copyFromUtf8("k1")));
        assertEquals(peers.org1.ledger.state().get(HashedState.namespace(CC, ORG1_ONLY), keyHash),
                peers.org2.ledger.state().get(HashedState.namespace(CC, ORG1_ONLY), keyHash), "both hold the hashes");
        assertEquals(Optional.empty(), peers.org2.ledger.state().get(PrivateState.namespace(CC, ORG1_ONLY), "k1"));
        assertEquals(List.of(), peers.org2.ledger.missingPrivateData(0, 10), "a non-member misses nothing");
        ProposalResponse refused = peers.org2.processor.process(
                client.propose(CH, CC, "ReadSecret", ORG1_ONLY, "k1").bytes()).response();
        assertEquals(500, refused.getResponse().getStatus());
        assertTrue(refused.getResponse().getMessage().contains("this peer is not a member of collection org1only"),
                refused.getResponse().getMessage());
    }

    @Test
    void aMemberMissesPrivateDataEndorsedOnlyByANonMemberAndRecordsIt() throws Exception {
        // Weft has no gossip yet: private data reaches a member only through its own endorsement.
        withOrg1OnlyCollection();
        Client client = new Client(peers.network.org2().signer(peers.network.org2().client()));
        Client.Signed store = storeSecret(client, "k2", "from-org2");
        ProposalResult endorsed = peers.org2.endorse(store);

        Block block = peers.commit(List.of(client.transaction(store, List.of(endorsed.response()))));

        assertEquals(TxValidationCode.VALID_VALUE, block.getMetadata().getMetadata(2).byteAt(0), "the verdict stands");
        assertEquals(Optional.empty(), peers.org2.ledger.state().get(PrivateState.namespace(CC, ORG1_ONLY), "k2"));
        assertEquals(List.of(), peers.org2.ledger.transientStore().entries(store.txId()));
        List<MissingPrivateData> missing = peers.org1.ledger.missingPrivateData(0, 10);
        assertEquals(1, missing.size());
        assertEquals(block.getHeader().getNumber(), missing.get(0).blockNum());
        assertEquals(ORG1_ONLY, missing.get(0).collection());
        ProposalResponse read = peers.org1.processor.process(
                client.propose(CH, CC, "ReadSecret", ORG1_ONLY, "k2").bytes()).response();
        assertEquals(500, read.getResponse().getStatus());
        assertTrue(read.getResponse().getMessage().contains("this peer is missing that private data"),
                read.getResponse().getMessage());
    }

    @Test
    void eachPeerRunsThePackageItsOrganisationApprovedThroughTheLifecycle() throws Exception {
        peers = new TwoPeers(dir, Map.of());
        peers.packages.put("assets_1.0:org1pkg", ContractChaincode.of(List.of(new AssetContract())));
        peers.packages.put("assets_1.0:org2pkg", ContractChaincode.of(List.of(new AssetContract())));
        TestNetwork.Org org1 = peers.network.org1();
        TestNetwork.Org org2 = peers.network.org2();

        assertEquals(TxValidationCode.VALID_VALUE, approve(peers.org1, org1, "assets_1.0:org1pkg"));
        assertEquals(TxValidationCode.VALID_VALUE, approve(peers.org2, org2, "assets_1.0:org2pkg"));
        String approvalKey = "chaincode-sources/fields/" + CC + "#1/PackageID";
        assertTrue(peers.org1.ledger.state().get(PrivateState.namespace(LifecycleChaincode.NAME,
                "_implicit_org_Org1MSP"), approvalKey).isPresent(), "Org1's approval is in Org1's private state");
        assertFalse(peers.org2.ledger.state().get(PrivateState.namespace(LifecycleChaincode.NAME,
                "_implicit_org_Org1MSP"), approvalKey).isPresent(), "and only there");

        Client admin = new Client(org1.signer(org1.admin()));
        Client.Signed commit = admin.propose(CH, LifecycleChaincode.NAME, List.of(
                ByteString.copyFromUtf8(LifecycleChaincode.COMMIT), CommitChaincodeDefinitionArgs.newBuilder()
                        .setName(CC).setVersion("1.0").setSequence(1)
                        .setValidationParameter(TestNetwork.validationParameter(POLICY)).build().toByteString()));
        Block committed = peers.commit(List.of(admin.transaction(commit, List.of(peers.org1.endorse(commit).response(),
                peers.org2.endorse(commit).response()))));
        assertEquals(TxValidationCode.VALID_VALUE, committed.getMetadata().getMetadata(2).byteAt(0));

        Client client = new Client(org1.signer(org1.client()));
        Client.Signed create = client.propose(CH, CC, "CreateAsset", "a1", "blue", "5", "Tom");
        peers.org1.endorse(create);
        peers.org2.endorse(create);
        assertEquals(List.of("assets_1.0:org1pkg"), ranPackages(peers.org1, create));
        assertEquals(List.of("assets_1.0:org2pkg"), ranPackages(peers.org2, create));
    }

    @Test
    void aPeerWhoseOrganisationApprovedNoPackageRefusesToEndorse() throws Exception {
        peers = new TwoPeers(dir, Map.of());
        peers.packages.put("assets_1.0:org1pkg", ContractChaincode.of(List.of(new AssetContract())));
        assertEquals(TxValidationCode.VALID_VALUE, approve(peers.org1, peers.network.org1(), "assets_1.0:org1pkg"));
        peers.commit(peers.network.definition(CC, "1.0", POLICY, false));

        Client client = new Client(peers.network.org1().signer(peers.network.org1().client()));
        Client.Signed create = client.propose(CH, CC, "CreateAsset", "a1", "blue", "5", "Tom");
        assertEquals(200, peers.org1.processor.process(create.bytes()).response().getResponse().getStatus());
        ProposalResponse refused = peers.org2.processor.process(create.bytes()).response();
        assertEquals(500, refused.getResponse().getStatus());
        assertTrue(refused.getResponse().getMessage().contains("approved no installed package"),
                refused.getResponse().getMessage());
    }

    /** The org's admin approves sequence 1 of "assets" with {@code packageId} on its own peer; returns the code. */
    private int approve(TwoPeers.Peer peer, TestNetwork.Org org, String packageId) throws Exception {
        Client admin = new Client(org.signer(org.admin()));
        ApproveChaincodeDefinitionForMyOrgArgs args = ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
                .setName(CC).setVersion("1.0").setSequence(1)
                .setValidationParameter(TestNetwork.validationParameter(POLICY))
                .setSource(ChaincodeSource.newBuilder().setLocalPackage(ChaincodeSource.Local.newBuilder()
                        .setPackageId(packageId))).build();
        Client.Signed approve = admin.propose(CH, LifecycleChaincode.NAME, List.of(
                ByteString.copyFromUtf8(LifecycleChaincode.APPROVE), args.toByteString()));
        ProposalResult endorsed = peer.endorse(approve);
        Block block = peers.commit(List.of(admin.transaction(approve, List.of(endorsed.response()))));
        return block.getMetadata().getMetadata(2).byteAt(0);
    }

    /** Which package ids the peer's resolver binds "assets" to for a proposal (read from its simulation snapshot). */
    private static List<String> ranPackages(TwoPeers.Peer peer, Client.Signed proposal) throws Exception {
        try (var simulator = new weft.runtime.endorser.simulation.TxSimulator(peer.ledger.snapshot())) {
            return List.of(new LifecycleChaincodeResolver(new LifecycleApprovedPackages(peer.mspId), Map.of())
                    .resolve(CH, CC, simulator).packageId());
        }
    }
}
