package weft.runtime.endorser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.endorser.simulation.TxSimulator;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.msp.MspIdentity;

/**
 * The endorser end to end: a client signs a proposal, Org1's peer endorses it with DefaultEndorsement, the client
 * assembles the transaction as Fabric's SDKs do, and the committer with DefaultValidation and MVCC decides it.
 */
class ProposalProcessorTest {

    private static final String CC = EndorserBench.CHAINCODE;
    private static final String CH = TestNetwork.CHANNEL;

    @TempDir
    Path dir;

    private EndorserBench bench;

    @BeforeEach
    void start() throws Exception {
        bench = new EndorserBench(dir);
    }

    @AfterEach
    void stop() throws Exception {
        bench.close();
    }

    @Test
    void anEndorsedCreateCommitsAsValidAndALaterReadSeesIt() throws Exception {
        Client.Signed create = bench.client.propose(CH, CC, "CreateAsset", "asset1", "blue", "5", "Tom");
        ProposalResult result = bench.endorse(create);

        ProposalResponse response = result.response();
        assertEquals(1, response.getVersion());
        assertEquals(200, response.getResponse().getStatus());
        assertEquals("{\"id\":\"asset1\",\"color\":\"blue\",\"size\":5,\"owner\":\"Tom\"}",
                response.getResponse().getPayload().toStringUtf8());
        // DefaultEndorsement signed payload ‖ endorser with Org1's peer key
        MspIdentity endorser = bench.committer.config().msps().deserializeIdentity(response.getEndorsement().getEndorser());
        endorser.verify(response.getPayload().concat(response.getEndorsement().getEndorser()),
                response.getEndorsement().getSignature());
        ChaincodeAction action = action(response);
        assertEquals(CC, action.getChaincodeId().getName());
        assertEquals("1.0", action.getChaincodeId().getVersion());

        Block block = bench.commit(List.of(bench.client.transaction(create, List.of(response))));
        assertEquals(TxValidationCode.VALID_VALUE, block.getMetadata().getMetadata(2).byteAt(0));
        VersionedValue stored = bench.ledger.state().get(CC, "asset1").orElseThrow();
        assertEquals(response.getResponse().getPayload(), stored.value());

        ProposalResult read = bench.endorse(bench.client.propose(CH, CC, "ReadAsset", "asset1"));
        assertEquals(stored.value(), read.response().getResponse().getPayload());
    }

    @Test
    void theRwSetReadsTheDefinitionSequenceAndTheKeyWithItsCommittedVersion() throws Exception {
        assertEquals(TxValidationCode.VALID_VALUE,
                bench.submit(bench.client.propose(CH, CC, "CreateAsset", "asset1", "blue", "5", "Tom")));
        ProposalResult transfer = bench.endorse(bench.client.propose(CH, CC, "TransferAsset", "asset1", "Ann"));

        TxReadWriteSet rwset = TxReadWriteSet.parseFrom(action(transfer.response()).getResults());
        assertEquals(List.of("_lifecycle", CC), rwset.getNsRwsetList().stream().map(ns -> ns.getNamespace()).toList());
        KVRWSet lifecycle = KVRWSet.parseFrom(rwset.getNsRwset(0).getRwset());
        assertEquals("namespaces/fields/assets/Sequence", lifecycle.getReads(0).getKey());
        assertEquals(1, lifecycle.getReads(0).getVersion().getBlockNum());
        KVRWSet assets = KVRWSet.parseFrom(rwset.getNsRwset(1).getRwset());
        assertEquals("asset1", assets.getReads(0).getKey());
        assertEquals(2, assets.getReads(0).getVersion().getBlockNum());
        assertEquals("asset1", assets.getWrites(0).getKey());
        assertEquals("Tom", transfer.response().getResponse().getPayload().toStringUtf8());
        ChaincodeEvent event = ChaincodeEvent.parseFrom(action(transfer.response()).getEvents());
        assertEquals("transferred", event.getEventName());
        assertEquals(CC, event.getChaincodeId());
    }

    @Test
    void aProposalThatReadAKeyUpdatedSinceItsEndorsementIsAnMvccConflict() throws Exception {
        bench.submit(bench.client.propose(CH, CC, "CreateAsset", "asset1", "blue", "5", "Tom"));
        Client.Signed first = bench.client.propose(CH, CC, "TransferAsset", "asset1", "Ann");
        ProposalResult firstEndorsed = bench.endorse(first);

        assertEquals(TxValidationCode.VALID_VALUE,
                bench.submit(bench.client.propose(CH, CC, "TransferAsset", "asset1", "Bob")));
        Block late = bench.commit(List.of(bench.client.transaction(first, List.of(firstEndorsed.response()))));

        assertEquals(TxValidationCode.MVCC_READ_CONFLICT_VALUE, late.getMetadata().getMetadata(2).byteAt(0));
        assertTrue(bench.ledger.state().get(CC, "asset1").orElseThrow().value().toStringUtf8().contains("Bob"));
    }

    @Test
    void endorsementsOfTwoPeersAssembleIntoOneValidTransaction() throws Exception {
        Client.Signed create = bench.client.propose(CH, CC, "CreateAsset", "asset2", "red", "3", "Ann");
        ProposalResponse one = bench.org1Peer.process(create.bytes()).response();
        ProposalResponse two = bench.org2Peer.process(create.bytes()).response();

        assertEquals(one.getPayload(), two.getPayload());
        Block block = bench.commit(List.of(bench.client.transaction(create, List.of(one, two))));
        assertEquals(TxValidationCode.VALID_VALUE, block.getMetadata().getMetadata(2).byteAt(0));
    }

    @Test
    void aKeyLevelPolicySetByTheChaincodeIsCommittedAsTheKeysValidationParameter() throws Exception {
        bench.submit(bench.client.propose(CH, CC, "CreateAsset", "asset1", "blue", "5", "Tom"));
        assertEquals(TxValidationCode.VALID_VALUE,
                bench.submit(bench.client.propose(CH, CC, "LockToOrg", "asset1", "Org2MSP")));
        assertTrue(bench.ledger.state().get(CC, "asset1").orElseThrow().metadata()
                .containsKey(TxSimulator.VALIDATION_PARAMETER));

        // Org1's endorsement alone no longer satisfies the key's policy.
        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE,
                bench.submit(bench.client.propose(CH, CC, "TransferAsset", "asset1", "Ann")));
    }

    @Test
    void theContractSeesTheClientIdentity() {
        ProposalResult result = bench.endorse(bench.client.propose(CH, CC, "WhoAmI"));
        String who = result.response().getResponse().getPayload().toStringUtf8();
        assertTrue(who.startsWith("Org1MSP x509::"), who);
        assertTrue(who.contains("CN=user1.Org1MSP"), who);
    }

    // ---- issue #6 item 6: bad input gives status 500 with a useful message and no state change ----

    @Test
    void anUnknownChaincodeIsRefusedNamingIt() throws Exception {
        assertFails(bench.client.propose(CH, "nosuch", "ReadAsset", "a"), "chaincode nosuch is not defined on channel");
    }

    @Test
    void aDefinedChaincodeWithoutAnInstalledPackageIsRefused() throws Exception {
        bench.packages.clear();
        assertFails(bench.client.propose(CH, CC, "ReadAsset", "a"), "package assets_1.0:0123abcd is not installed");
    }

    @Test
    void anUnknownFunctionIsRefusedListingTheFunctions() throws Exception {
        assertFails(bench.client.propose(CH, CC, "BuyAsset", "a"),
                "unknown function 'BuyAsset' of contract 'assets' (functions: CreateAsset");
    }

    @Test
    void aWrongArgumentCountIsRefusedNamingTheParameters() throws Exception {
        assertFails(bench.client.propose(CH, CC, "CreateAsset", "asset1", "blue"),
                "function CreateAsset takes 4 arguments (id, color, size, owner) but was given 2");
    }

    @Test
    void anUnparsableArgumentIsRefusedNamingIt() throws Exception {
        assertFails(bench.client.propose(CH, CC, "CreateAsset", "asset1", "blue", "huge", "Tom"),
                "argument 3 (size) of CreateAsset: 'huge' is not an int");
    }

    @Test
    void aChaincodeExceptionGivesItsMessageAndPayload() throws Exception {
        ProposalResponse response = assertFails(bench.client.propose(CH, CC, "ReadAsset", "ghost"),
                "asset ghost does not exist");
        assertEquals("{\"code\":404}", response.getResponse().getPayload().toStringUtf8());
    }

    @Test
    void aRuntimeExceptionOrAnErrorInTheChaincodeNeverEscapes() throws Exception {
        assertFails(bench.client.propose(CH, CC, "Fail", "runtime"),
                "function Fail failed: java.lang.IllegalStateException: the ledger is haunted");
        assertFails(bench.client.propose(CH, CC, "Fail", "error"),
                "function Fail failed: java.lang.AssertionError: an Error, not an Exception");
    }

    @Test
    void aPaginatedQueryIsRefusedInATransactionThatWrites() throws Exception {
        assertFails(bench.client.propose(CH, CC, "WriteThenPage"), "a paginated query is not allowed in a transaction that writes");
        assertFails(bench.client.propose(CH, CC, "PageThenWrite"), "a write is not allowed after a paginated query");
    }

    @Test
    void privateDataOfAnUndefinedCollectionIsRefused() throws Exception {
        assertFails(bench.client.propose(CH, CC, Map.of("secret", ByteString.copyFromUtf8("s3")), false,
                UnaryOperator.identity(), "StoreSecret", "secrets", "k"), "collection secrets is not defined for chaincode assets");
    }

    // ---- proposals refused before simulation ----

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        Client.Signed proposal = bench.client.propose(CH, CC, "ReadAsset", "a");
        byte[] signature = proposal.signed().getSignature().toByteArray();
        signature[signature.length - 3] ^= 0x01;
        SignedProposal tampered = proposal.signed().toBuilder().setSignature(ByteString.copyFrom(signature)).build();
        assertRefused(tampered, "the proposal's signature does not verify against its creator");
    }

    @Test
    void aWrongTxIdIsRefused() throws Exception {
        assertRefused(bench.client.propose(CH, CC, Map.of(), false, h -> h.setTxId("abc"), "ReadAsset", "a").signed(),
                "invalid txid 'abc': it must be hex(SHA-256(nonce ‖ creator))");
    }

    @Test
    void aReplayedTxIdIsRefused() throws Exception {
        Client.Signed create = bench.client.propose(CH, CC, "CreateAsset", "asset1", "blue", "5", "Tom");
        ProposalResult result = bench.endorse(create);
        bench.commit(List.of(bench.client.transaction(create, List.of(result.response()))));

        assertRefused(create.signed(), "duplicate transaction found [" + create.txId() + "]");
    }

    @Test
    void aCreatorWhoIsNotAChannelWriterIsRefused() throws Exception {
        Client peerAsClient = new Client(bench.network.org1().peerIdentity());
        assertRefused(peerAsClient.propose(CH, CC, "ReadAsset", "a").signed(),
                "the creator does not satisfy /Channel/Application/Writers");
    }

    @Test
    void anExpiredCreatorIsRefused() throws Exception {
        Client expired = new Client(bench.network.org1().signer(bench.network.expiredClient()));
        assertRefused(expired.propose(CH, CC, "ReadAsset", "a").signed(), "expired at");
    }

    @Test
    void anUnknownChannelANonZeroEpochAndAWrongHeaderTypeAreRefused() throws Exception {
        assertRefused(bench.client.propose("otherchannel", CC, "ReadAsset", "a").signed(), "channel 'otherchannel' not found");
        assertRefused(bench.client.propose(CH, CC, Map.of(), false, h -> h.setEpoch(3), "ReadAsset", "a").signed(),
                "invalid epoch 3");
        assertRefused(bench.client.propose(CH, CC, Map.of(), false, h -> h.setType(2), "ReadAsset", "a").signed(),
                "invalid header type 2");
    }

    @Test
    void garbageBytesAreRefused() {
        ProposalResult result = bench.org1Peer.process(ByteString.copyFromUtf8("not a proposal"));
        assertEquals(500, result.response().getResponse().getStatus());
        assertTrue(result.response().getResponse().getMessage().contains("does not parse"),
                result.response().getResponse().getMessage());
    }

    /** Status 500 with the message, a payload with no writes, no endorsement, and the ledger unchanged. */
    private ProposalResponse assertFails(Client.Signed proposal, String message) throws Exception {
        long height = bench.ledger.chainInfo().height();
        ProposalResult result = bench.org1Peer.process(proposal.bytes());
        ProposalResponse response = result.response();
        assertEquals(500, response.getResponse().getStatus(), response.getResponse().getMessage());
        assertTrue(response.getResponse().getMessage().contains(message), response.getResponse().getMessage());
        assertFalse(response.hasEndorsement());
        if (!response.getPayload().isEmpty()) {
            assertTrue(action(response).getResults().isEmpty(), "a failed proposal carries no read-write set");
        }
        assertEquals(height, bench.ledger.chainInfo().height());
        return response;
    }

    private void assertRefused(SignedProposal proposal, String message) {
        ProposalResponse response = bench.org1Peer.process(proposal).response();
        assertEquals(500, response.getResponse().getStatus());
        assertTrue(response.getResponse().getMessage().contains(message), response.getResponse().getMessage());
        assertFalse(response.hasEndorsement());
        assertTrue(response.getPayload().isEmpty());
    }

    private static ChaincodeAction action(ProposalResponse response) throws Exception {
        return ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(response.getPayload()).getExtension());
    }
}
