package weft.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.Response;
import weft.runtime.lifecycle.state.StateSerializer;
import weft.runtime.policy.PolicyParser;

/** The lifecycle's rules, defaults and error paths, on an in-memory ledger with two organisations. */
class LifecycleChaincodeTest {

    private static final String CHANNEL = "mychannel";
    private static final String ORG1 = "_implicit_org_Org1MSP";
    private static final String ORG2 = "_implicit_org_Org2MSP";

    private final MemoryLedger ledger = new MemoryLedger();
    private ChannelView channel = TestChannel.twoOrgs();

    // ---- helpers ----

    private LifecycleChaincode peerOf(String mspId) {
        return new LifecycleChaincode(mspId, id -> id.equals(CHANNEL) ? Optional.of(channel) : Optional.empty(),
                new MemoryPackages());
    }

    /** Runs one function as a peer of {@code mspId}; a success is committed, as a valid transaction would be. */
    private Outcome run(String mspId, String function, Message args) {
        MemoryStub stub = MemoryStub.of(ledger, CHANNEL, function, args.toByteString());
        Response response = peerOf(mspId).invoke(stub);
        if (response.isSuccess()) {
            stub.commit();
        }
        return new Outcome(response, stub);
    }

    record Outcome(Response response, MemoryStub stub) {
        Outcome succeeds() {
            assertTrue(response.isSuccess(), response.message());
            return this;
        }

        String fails() {
            assertFalse(response.isSuccess(), "expected a failure");
            return response.message();
        }
    }

    private static ApproveChaincodeDefinitionForMyOrgArgs.Builder approval(long sequence, String version) {
        return ApproveChaincodeDefinitionForMyOrgArgs.newBuilder().setName("mycc").setVersion(version)
                .setSequence(sequence).setSource(ChaincodeSource.newBuilder().setLocalPackage(
                        ChaincodeSource.Local.newBuilder().setPackageId("mycc_1:abcd")));
    }

    private static CommitChaincodeDefinitionArgs.Builder commitArgs(long sequence, String version) {
        return CommitChaincodeDefinitionArgs.newBuilder().setName("mycc").setVersion(version).setSequence(sequence);
    }

    private static CheckCommitReadinessArgs.Builder readinessArgs(long sequence, String version) {
        return CheckCommitReadinessArgs.newBuilder().setName("mycc").setVersion(version).setSequence(sequence);
    }

    private CheckCommitReadinessResult readiness(CheckCommitReadinessArgs.Builder args) throws Exception {
        return CheckCommitReadinessResult.parseFrom(run("Org1MSP", LifecycleChaincode.CHECK_COMMIT_READINESS, args.build())
                .succeeds().response().payload());
    }

    private void defineVersion1() {
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        run("Org2MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        run("Org1MSP", LifecycleChaincode.COMMIT, commitArgs(1, "1.0").build()).succeeds();
    }

    private static StaticCollectionConfig.Builder collection(String name, String memberPolicy) throws Exception {
        return StaticCollectionConfig.newBuilder().setName(name).setRequiredPeerCount(0).setMaximumPeerCount(1)
                .setBlockToLive(10).setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                        .setSignaturePolicy(PolicyParser.parse(memberPolicy)));
    }

    private static CollectionConfigPackage collections(StaticCollectionConfig.Builder... configs) {
        CollectionConfigPackage.Builder p = CollectionConfigPackage.newBuilder();
        for (StaticCollectionConfig.Builder c : configs) {
            p.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(c));
        }
        return p.build();
    }

    private String approveWithCollections(CollectionConfigPackage collections) {
        return run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setCollections(collections).build()).fails();
    }

    private static StateData stateData(ByteString bytes) throws Exception {
        return StateData.parseFrom(bytes);
    }

    // ---- invocation ----

    @Test
    void refusesInvocationsWithoutExactlyTwoArguments() {
        MemoryStub none = new MemoryStub(ledger, CHANNEL, List.of());
        assertEquals("lifecycle scc must be invoked with arguments", peerOf("Org1MSP").invoke(none).message());
        MemoryStub three = new MemoryStub(ledger, CHANNEL, List.of(ByteString.copyFromUtf8("a"), ByteString.EMPTY,
                ByteString.EMPTY));
        assertEquals("lifecycle scc operations require exactly two arguments but received 3",
                peerOf("Org1MSP").invoke(three).message());
    }

    @Test
    void refusesAChannelThePeerHasNotJoinedOrWithoutTheV20Capability() {
        MemoryStub stub = new MemoryStub(ledger, "other", List.of(ByteString.copyFromUtf8(LifecycleChaincode.APPROVE),
                ByteString.EMPTY));
        assertEquals("could not get channelconfig for channel 'other'", peerOf("Org1MSP").invoke(stub).message());

        channel = new TestChannel(List.of("Org1MSP"), Set.of(), Set.of("Org1MSP"), Set.of(), false);
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).fails()
                .contains("does not have the required capabilities enabled"));
    }

    @Test
    void namesAnUnknownFunctionAndUndecodableArguments() {
        String unknown = run("Org1MSP", "Instantiate", approval(1, "1").build()).fails();
        assertTrue(unknown.startsWith("failed to invoke backing implementation of 'Instantiate': unknown function"),
                unknown);
        MemoryStub garbage = new MemoryStub(ledger, CHANNEL, List.of(ByteString.copyFromUtf8(LifecycleChaincode.APPROVE),
                ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})));
        String message = peerOf("Org1MSP").invoke(garbage).message();
        assertTrue(message.contains("could not decode input arg for ApproveChaincodeDefinitionForMyOrg"), message);
    }

    @Test
    void channelFunctionsNeedAChannel() {
        MemoryStub stub = new MemoryStub(ledger, "", List.of(ByteString.copyFromUtf8(LifecycleChaincode.APPROVE),
                approval(1, "1").build().toByteString()));
        assertTrue(peerOf("Org1MSP").invoke(stub).message().contains("needs a channel"));
    }

    // ---- approve ----

    @Test
    void approvalWritesOnlyThisPeersImplicitCollectionWithFabricsDefaults() throws Exception {
        Outcome outcome = run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        assertEquals(ByteString.EMPTY, outcome.response().payload());
        assertTrue(outcome.stub().writes.isEmpty(), "an approval writes no public state");
        Map<String, ByteString> written = outcome.stub().privateWrites.get(ORG1);
        assertEquals(Set.of(ORG1), outcome.stub().privateWrites.keySet());
        assertEquals(List.of("chaincode-sources/fields/mycc#1/PackageID", "chaincode-sources/metadata/mycc#1",
                "namespaces/fields/mycc#1/Collections", "namespaces/fields/mycc#1/EndorsementInfo",
                "namespaces/fields/mycc#1/ValidationInfo", "namespaces/metadata/mycc#1"), List.copyOf(written.keySet()));

        ChaincodeEndorsementInfo endorsement = ChaincodeEndorsementInfo.parseFrom(
                stateData(written.get("namespaces/fields/mycc#1/EndorsementInfo")).getBytes());
        assertEquals(ChaincodeEndorsementInfo.newBuilder().setVersion("1.0").setEndorsementPlugin("escc").build(),
                endorsement);
        ChaincodeValidationInfo validation = ChaincodeValidationInfo.parseFrom(
                stateData(written.get("namespaces/fields/mycc#1/ValidationInfo")).getBytes());
        assertEquals("vscc", validation.getValidationPlugin());
        assertEquals(ApplicationPolicy.newBuilder().setChannelConfigPolicyReference("/Channel/Application/Endorsement")
                .build().toByteString(), validation.getValidationParameter());
        assertEquals("mycc_1:abcd", stateData(written.get("chaincode-sources/fields/mycc#1/PackageID")).getString());
    }

    @Test
    void explicitPluginsAndPolicyAreKept() throws Exception {
        ByteString policy = ApplicationPolicy.newBuilder().setSignaturePolicy(PolicyParser.parse("OR('Org1MSP.peer')"))
                .build().toByteString();
        Outcome outcome = run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setEndorsementPlugin("custom")
                .setValidationPlugin("UtxoValidation").setValidationParameter(policy).setInitRequired(true).build())
                .succeeds();
        Map<String, ByteString> written = outcome.stub().privateWrites.get(ORG1);
        ChaincodeValidationInfo validation = ChaincodeValidationInfo.parseFrom(
                stateData(written.get("namespaces/fields/mycc#1/ValidationInfo")).getBytes());
        assertEquals(ChaincodeValidationInfo.newBuilder().setValidationPlugin("UtxoValidation")
                .setValidationParameter(policy).build(), validation);
        assertEquals(ChaincodeEndorsementInfo.newBuilder().setVersion("1.0").setEndorsementPlugin("custom")
                .setInitRequired(true).build(), ChaincodeEndorsementInfo.parseFrom(
                stateData(written.get("namespaces/fields/mycc#1/EndorsementInfo")).getBytes()));
    }

    @Test
    void theDefaultPolicyNeedsTheChannelsEndorsementPolicy() {
        channel = new TestChannel(List.of("Org1MSP"), Set.of(), Set.of("Org1MSP"), Set.of(), true);
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).fails()
                .contains("policy '/Channel/Application/Endorsement' must be defined for channel 'mychannel'"));
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setValidationParameter(ApplicationPolicy
                .newBuilder().setChannelConfigPolicyReference("/Channel/Application/Writers").build().toByteString())
                .build()).succeeds();
    }

    @Test
    void approvalSequenceMustBeTheCommittedOrTheNextOne() {
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(0, "1.0").build()).fails()
                .endsWith("requested sequence is 0, but first definable sequence number is 1"));
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(2, "1.0").build()).fails()
                .endsWith("requested sequence 2 is larger than the next available sequence number 1"));
        defineVersion1();
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(0, "1.0").build()).fails()
                .endsWith("currently defined sequence 1 is larger than requested sequence 0"));
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(3, "1.0").build()).fails()
                .endsWith("requested sequence 3 is larger than the next available sequence number 2"));
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(2, "2.0").build()).succeeds();
    }

    @Test
    void reApprovingTheCommittedSequenceNeedsItsExactParameters() {
        defineVersion1();
        String message = run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "2.0").build()).fails();
        assertTrue(message.endsWith("attempted to redefine the current committed sequence (1) for namespace mycc with "
                + "different parameters: expected Version '1.0' does not match passed Version '2.0'"), message);
        // the same parameters and package: nothing would change
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).fails()
                .endsWith("attempted to redefine the current committed sequence (1) for namespace mycc"));
        // a new package for the committed definition (an org that installs later): only the package id changes
        Outcome outcome = run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setSource(ChaincodeSource
                .newBuilder().setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId("mycc_2:ef01"))).build())
                .succeeds();
        assertEquals(Set.of("chaincode-sources/fields/mycc#1/PackageID"), outcome.stub().privateWrites.get(ORG1).keySet());
    }

    @Test
    void reApprovingANextSequenceRewritesOnlyWhatChanged() {
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).fails()
                .endsWith("attempted to redefine uncommitted sequence (1) for namespace mycc with unchanged content"));
        Outcome outcome = run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.1").build()).succeeds();
        assertEquals(Set.of("namespaces/fields/mycc#1/EndorsementInfo"), outcome.stub().privateWrites.get(ORG1).keySet());
    }

    @Test
    void approvalWithoutAPackageRecordsAnEmptyPackageId() throws Exception {
        Outcome outcome = run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").clearSource().build()).succeeds();
        assertEquals("", stateData(outcome.stub().privateWrites.get(ORG1)
                .get("chaincode-sources/fields/mycc#1/PackageID")).getString());
        QueryApprovedChaincodeDefinitionResult approved = QueryApprovedChaincodeDefinitionResult.parseFrom(
                run("Org1MSP", LifecycleChaincode.QUERY_APPROVED, QueryApprovedChaincodeDefinitionArgs.newBuilder()
                        .setName("mycc").build()).succeeds().response().payload());
        assertEquals(ChaincodeSource.TypeCase.UNAVAILABLE, approved.getSource().getTypeCase());
    }

    @Test
    void refusesBadNamesVersionsAndSystemChaincodeNames() {
        for (String name : List.of("", "my cc", "_mycc", "mycc-", "my--cc", "mycc\n", "my.cc")) {
            String message = run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setName(name).build()).fails();
            assertTrue(message.contains("invalid chaincode name '" + name + "'"), message);
        }
        for (String name : List.of("lscc", "cscc", "escc", "qscc", "vscc")) {
            assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setName(name).build()).fails()
                    .contains("chaincode name '" + name + "' is the name of a system chaincode"));
        }
        for (String version : List.of("", "1.0 beta", "1/0", "1.0\n")) {
            assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, version).build()).fails()
                    .contains("invalid chaincode version '" + version + "'"));
        }
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "v1.0_rc+2-x").setName("My_cc-2").build()).succeeds();
    }

    // ---- collections ----

    @Test
    void refusesMalformedCollections() throws Exception {
        assertTrue(approveWithCollections(collections(collection("_coll", "OR('Org1MSP.member')")))
                .contains("invalid collection name '_coll'"));
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org1MSP.member')"),
                collection("c1", "OR('Org2MSP.member')"))).contains("collection-name: c1 -- found duplicate"));
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org1MSP.member')")
                .setRequiredPeerCount(3).setMaximumPeerCount(2)))
                .contains("maximum peer count (2) cannot be less than the required peer count (3)"));
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org1MSP.member')")
                .setRequiredPeerCount(-1).setMaximumPeerCount(-1))).contains("requiredPeerCount (-1) cannot be less than zero"));
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org1MSP.member')").clearMemberOrgsPolicy()))
                .contains("collection member policy is not set for collection 'c1'"));
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org1MSP.member')")
                .setMemberOrgsPolicy(CollectionPolicyConfig.getDefaultInstance())))
                .contains("collection member org policy is empty for collection 'c1'"));
        assertTrue(approveWithCollections(collections(collection("c1", "AND('Org1MSP.member','Org2MSP.member')")))
                .contains("collection-name: c1 -- error in member org policy: signature policy is not an OR concatenation, NOutOf 2"));
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org9MSP.member')")))
                .contains("collection-name: c1 -- collection member 'Org9MSP' is not part of the channel"));
        assertTrue(approveWithCollections(CollectionConfigPackage.newBuilder()
                .addConfig(CollectionConfig.getDefaultInstance()).build())
                .contains("collection config contains unexpected payload type"));

        SignaturePolicyEnvelope outOfRange = PolicyParser.parse("OR('Org1MSP.member')").toBuilder()
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(3)))).build();
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org1MSP.member')").setMemberOrgsPolicy(
                CollectionPolicyConfig.newBuilder().setSignaturePolicy(outOfRange))))
                .contains("invalid member org policy for collection 'c1': identity index out of range, requested 3, "
                        + "but identities length is 1"));

        SignaturePolicyEnvelope anonymity = PolicyParser.parse("OR('Org1MSP.member')").toBuilder()
                .setIdentities(0, MSPPrincipal.newBuilder()
                        .setPrincipalClassification(MSPPrincipal.Classification.ANONYMITY)).build();
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org1MSP.member')").setMemberOrgsPolicy(
                CollectionPolicyConfig.newBuilder().setSignaturePolicy(anonymity))))
                .contains("principal type ANONYMITY is not supported"));

        SignaturePolicyEnvelope identity = PolicyParser.parse("OR('Org1MSP.member')").toBuilder()
                .setIdentities(0, MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                        .setPrincipal(ByteString.copyFromUtf8("not a channel member"))).build();
        assertTrue(approveWithCollections(collections(collection("c1", "OR('Org1MSP.member')").setMemberOrgsPolicy(
                CollectionPolicyConfig.newBuilder().setSignaturePolicy(identity))))
                .contains("contains an identity that is not part of the channel"));
    }

    @Test
    void aRedefinitionKeepsEveryCommittedCollectionAndItsBlockToLive() throws Exception {
        CollectionConfigPackage v1 = collections(collection("c1", "OR('Org1MSP.member','Org2MSP.member')"));
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setCollections(v1).build()).succeeds();
        run("Org1MSP", LifecycleChaincode.COMMIT, commitArgs(1, "1.0").setCollections(v1).build()).succeeds();

        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(2, "2.0").build()).fails()
                .contains("the proposed collection config does not contain previously defined collections"));
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(2, "2.0").setCollections(
                collections(collection("c2", "OR('Org1MSP.member')"))).build()).fails()
                .contains("existing collection [c1] missing in the proposed collection configuration"));
        assertTrue(run("Org1MSP", LifecycleChaincode.APPROVE, approval(2, "2.0").setCollections(
                collections(collection("c1", "OR('Org1MSP.member')").setBlockToLive(11))).build()).fails()
                .contains("the BlockToLive in an existing collection [c1] modified. Existing value [10]"));
        // members may change and collections may be added
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(2, "2.0").setCollections(collections(
                collection("c1", "OR('Org1MSP.member')"), collection("c2", "OR('Org2MSP.member')"))).build()).succeeds();
    }

    // ---- readiness and commit ----

    @Test
    void readinessReportsEachOrganisationsApprovalAndWhatDiffers() throws Exception {
        CheckCommitReadinessResult before = readiness(readinessArgs(1, "1.0"));
        assertEquals(Map.of("Org1MSP", false, "Org2MSP", false), before.getApprovalsMap());
        assertEquals(List.of("ChaincodeParameters"), before.getMismatchesMap().get("Org1MSP").getItemsList());

        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        run("Org2MSP", LifecycleChaincode.APPROVE, approval(1, "1.1").setInitRequired(true).build()).succeeds();
        CheckCommitReadinessResult after = readiness(readinessArgs(1, "1.0"));
        assertEquals(Map.of("Org1MSP", true, "Org2MSP", false), after.getApprovalsMap());
        assertFalse(after.getMismatchesMap().containsKey("Org1MSP"));
        assertEquals(List.of("EndorsementInfo"), after.getMismatchesMap().get("Org2MSP").getItemsList());

        // the package id is each org's own business: it does not enter readiness
        assertEquals(Map.of("Org1MSP", false, "Org2MSP", true),
                readiness(readinessArgs(1, "1.1").setInitRequired(true)).getApprovalsMap());
    }

    @Test
    void readinessAndCommitNeedTheNextSequence() {
        assertTrue(run("Org1MSP", LifecycleChaincode.CHECK_COMMIT_READINESS, readinessArgs(2, "1.0").build()).fails()
                .endsWith("requested sequence is 2, but new definition must be sequence 1"));
        defineVersion1();
        assertTrue(run("Org1MSP", LifecycleChaincode.COMMIT, commitArgs(1, "1.0").build()).fails()
                .endsWith("requested sequence is 1, but new definition must be sequence 2"));
    }

    @Test
    void commitNeedsThisPeersOrganisationsApprovalOnly() {
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        assertTrue(run("Org2MSP", LifecycleChaincode.COMMIT, commitArgs(1, "1.0").build()).fails()
                .endsWith("chaincode definition not agreed to by this org (Org2MSP)"));
        // the channel's LifecycleEndorsement policy, checked at validation, decides whether enough orgs agreed
        Outcome outcome = run("Org1MSP", LifecycleChaincode.COMMIT, commitArgs(1, "1.0").build()).succeeds();
        assertEquals(List.of("namespaces/fields/mycc/Collections", "namespaces/fields/mycc/EndorsementInfo",
                "namespaces/fields/mycc/Sequence", "namespaces/fields/mycc/ValidationInfo", "namespaces/metadata/mycc"),
                List.copyOf(outcome.stub().writes.keySet()));
        assertTrue(outcome.stub().privateWrites.isEmpty(), "a commit writes no private data");
    }

    @Test
    void commitReadsOtherOrganisationsApprovalsAsHashesOnly() {
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        run("Org2MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        ledger.privateValues.remove(ORG2); // an Org1 peer holds only the hashes of Org2's collection
        MemoryStub stub = MemoryStub.of(ledger, CHANNEL, LifecycleChaincode.COMMIT, commitArgs(1, "1.0").build().toByteString());
        assertTrue(peerOf("Org1MSP").invoke(stub).isSuccess());
        assertEquals(Set.of("namespaces/fields/mycc#1/Collections", "namespaces/fields/mycc#1/EndorsementInfo",
                "namespaces/fields/mycc#1/ValidationInfo", "namespaces/metadata/mycc#1"), stub.privateReadKeys(ORG2));
    }

    @Test
    void aPeerOutsideTheChannelsOrganisationsCannotCommit() {
        assertTrue(run("Org3MSP", LifecycleChaincode.COMMIT, commitArgs(1, "1.0").build()).fails()
                .contains("this peer's org is processing requests for a channel it is not a member of"));
    }

    @Test
    void anUpgradeRewritesOnlyTheFieldsThatChanged() {
        defineVersion1();
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(2, "2.0").build()).succeeds();
        Outcome upgrade = run("Org1MSP", LifecycleChaincode.COMMIT, commitArgs(2, "2.0").build()).succeeds();
        assertEquals(List.of("namespaces/fields/mycc/EndorsementInfo", "namespaces/fields/mycc/Sequence"),
                List.copyOf(upgrade.stub().writes.keySet()));
    }

    // ---- queries ----

    @Test
    void queriesTheCommittedDefinitionWithApprovals() throws Exception {
        assertEquals(new Response(404, "namespace mycc is not defined", ByteString.EMPTY),
                run("Org1MSP", LifecycleChaincode.QUERY_DEFINITION,
                        QueryChaincodeDefinitionArgs.newBuilder().setName("mycc").build()).response());
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").build()).succeeds();
        run("Org1MSP", LifecycleChaincode.COMMIT, commitArgs(1, "1.0").build()).succeeds();
        QueryChaincodeDefinitionResult result = QueryChaincodeDefinitionResult.parseFrom(run("Org2MSP",
                LifecycleChaincode.QUERY_DEFINITION, QueryChaincodeDefinitionArgs.newBuilder().setName("mycc").build())
                .succeeds().response().payload());
        assertEquals(1, result.getSequence());
        assertEquals("1.0", result.getVersion());
        assertEquals("escc", result.getEndorsementPlugin());
        assertEquals("vscc", result.getValidationPlugin());
        assertEquals(Map.of("Org1MSP", true, "Org2MSP", false), result.getApprovalsMap());
    }

    @Test
    void listsEveryCommittedDefinitionByName() throws Exception {
        for (String name : List.of("zeta", "alpha")) {
            run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setName(name).build()).succeeds();
            run("Org1MSP", LifecycleChaincode.COMMIT, commitArgs(1, "1.0").setName(name).build()).succeeds();
        }
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(1, "1.0").setName("pending").build()).succeeds();
        QueryChaincodeDefinitionsResult result = QueryChaincodeDefinitionsResult.parseFrom(run("Org1MSP",
                LifecycleChaincode.QUERY_DEFINITIONS, QueryChaincodeDefinitionsArgs.getDefaultInstance()).succeeds()
                .response().payload());
        assertEquals(List.of("alpha", "zeta"), result.getChaincodeDefinitionsList().stream()
                .map(QueryChaincodeDefinitionsResult.ChaincodeDefinition::getName).toList());
        assertEquals(1, result.getChaincodeDefinitions(0).getSequence());
    }

    @Test
    void queriesThisOrganisationsLatestApproval() throws Exception {
        assertTrue(run("Org1MSP", LifecycleChaincode.QUERY_APPROVED, QueryApprovedChaincodeDefinitionArgs.newBuilder()
                .setName("mycc").build()).fails().endsWith("could not fetch approved chaincode definition (name: 'mycc', "
                + "sequence: '0') on channel 'mychannel'"));
        defineVersion1();
        run("Org1MSP", LifecycleChaincode.APPROVE, approval(2, "2.0").build()).succeeds();
        QueryApprovedChaincodeDefinitionResult latest = QueryApprovedChaincodeDefinitionResult.parseFrom(run("Org1MSP",
                LifecycleChaincode.QUERY_APPROVED, QueryApprovedChaincodeDefinitionArgs.newBuilder().setName("mycc")
                        .build()).succeeds().response().payload());
        assertEquals(2, latest.getSequence());
        assertEquals("2.0", latest.getVersion());
        assertEquals("mycc_1:abcd", latest.getSource().getLocalPackage().getPackageId());
        // Org2 approved only sequence 1, which is committed
        QueryApprovedChaincodeDefinitionResult org2 = QueryApprovedChaincodeDefinitionResult.parseFrom(run("Org2MSP",
                LifecycleChaincode.QUERY_APPROVED, QueryApprovedChaincodeDefinitionArgs.newBuilder().setName("mycc")
                        .build()).succeeds().response().payload());
        assertEquals(1, org2.getSequence());
        assertTrue(run("Org1MSP", LifecycleChaincode.QUERY_APPROVED_ALL, QueryChaincodeDefinitionsArgs.getDefaultInstance())
                .fails().contains("is not supported"));
    }

    @Test
    void readsNeverSeeTheInvocationsOwnWrites() {
        MemoryStub stub = MemoryStub.of(ledger, CHANNEL, "x", ByteString.EMPTY);
        stub.putState("k", ByteString.copyFromUtf8("v"));
        stub.putPrivateData(ORG1, "p", ByteString.copyFromUtf8("v"));
        assertTrue(stub.getState("k").isEmpty());
        assertTrue(stub.getPrivateDataHash(ORG1, "p").isEmpty());
        stub.commit();
        assertEquals(StateSerializer.sha256(ByteString.copyFromUtf8("v")), ledger.privateHash(ORG1, "p"));
        assertEquals(new TreeMap<>(Map.of("k", ByteString.copyFromUtf8("v"))), ledger.publicState);
    }
}
