package weft.chaincode.keylevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.Response;
import weft.chaincode.testing.ChaincodeTester;
import weft.chaincode.testing.InMemoryStub;

class KeyLevelEndorsementTest {

    private final ChaincodeTester tester = ChaincodeTester.forChaincode(new KeyLevelEndorsement());

    @Test
    void setValThenGetValReturnsTheValue() {
        ok(tester.submit("setVal", "asset1", "100"));
        assertEquals("100", ok(tester.evaluate("getVal", "asset1")).payloadString());
    }

    @Test
    void getValOfAMissingKeyFails() {
        Response r = tester.evaluate("getVal", "asset1");
        assertEquals(500, r.status());
        assertEquals("the asset asset1 does not exist", r.message());
    }

    @Test
    void addOrgsWritesAPolicyRequiringAPeerOfEveryListedOrg() throws Exception {
        ok(tester.submit("setVal", "asset1", "100"));
        ok(tester.submit("addOrgs", "asset1", "Org2MSP", "Org1MSP"));
        SignaturePolicyEnvelope policy = SignaturePolicyEnvelope.parseFrom(tester.ledger().validationParameter("asset1"));
        assertEquals(2, policy.getRule().getNOutOf().getN());
        assertEquals(List.of(0, 1), policy.getRule().getNOutOf().getRulesList().stream().map(SignaturePolicy::getSignedBy).toList());
        for (MSPPrincipal principal : policy.getIdentitiesList()) {
            assertEquals(MSPPrincipal.Classification.ROLE, principal.getPrincipalClassification());
            assertEquals(MSPRole.MSPRoleType.PEER, MSPRole.parseFrom(principal.getPrincipal()).getRole());
        }
        assertEquals("[\"Org1MSP\",\"Org2MSP\"]", ok(tester.evaluate("listOrgs", "asset1")).payloadString());
    }

    @Test
    void addOrgsAddsToTheOrgsAlreadyRequired() {
        ok(tester.submit("setVal", "asset1", "100"));
        ok(tester.submit("addOrgs", "asset1", "Org1MSP"));
        ok(tester.submit("addOrgs", "asset1", "Org3MSP", "Org1MSP"));
        assertEquals("[\"Org1MSP\",\"Org3MSP\"]", ok(tester.evaluate("listOrgs", "asset1")).payloadString());
    }

    @Test
    void delOrgsDropsOrgsAndDroppingTheLastRemovesThePolicy() {
        ok(tester.submit("setVal", "asset1", "100"));
        ok(tester.submit("addOrgs", "asset1", "Org1MSP", "Org2MSP"));
        ok(tester.submit("delOrgs", "asset1", "Org1MSP", "Org9MSP"));
        assertEquals("[\"Org2MSP\"]", ok(tester.evaluate("listOrgs", "asset1")).payloadString());
        ok(tester.submit("delOrgs", "asset1", "Org2MSP"));
        assertEquals("[]", ok(tester.evaluate("listOrgs", "asset1")).payloadString());
        assertTrue(tester.ledger().validationParameter("asset1").isEmpty(), "no key-level policy left");
    }

    @Test
    void listOrgsOfAKeyWithoutItsOwnPolicyIsEmpty() {
        assertEquals("[]", ok(tester.evaluate("listOrgs", "asset1")).payloadString());
    }

    @Test
    void aPolicyNeedsAnExistingKey() {
        assertEquals("the asset asset1 does not exist", tester.submit("addOrgs", "asset1", "Org1MSP").message());
        assertEquals("the asset asset1 does not exist", tester.submit("delOrgs", "asset1", "Org1MSP").message());
    }

    @Test
    void updatingTheValueKeepsThePolicy() {
        ok(tester.submit("setVal", "asset1", "100"));
        ok(tester.submit("addOrgs", "asset1", "Org2MSP"));
        ok(tester.submit("setVal", "asset1", "200"));
        assertEquals("200", ok(tester.evaluate("getVal", "asset1")).payloadString());
        assertEquals("[\"Org2MSP\"]", ok(tester.evaluate("listOrgs", "asset1")).payloadString());
    }

    @Test
    void changingThePolicyReadsTheKeySoAConcurrentChangeConflicts() {
        ok(tester.submit("setVal", "asset1", "100"));
        KeyLevelEndorsement chaincode = new KeyLevelEndorsement();
        InMemoryStub add = tester.ledger().newTransaction(tester.defaultCreator(), "addOrgs", "asset1", "Org2MSP");
        InMemoryStub set = tester.ledger().newTransaction(tester.defaultCreator(), "addOrgs", "asset1", "Org3MSP");
        ok(chaincode.invoke(add));
        ok(chaincode.invoke(set));
        assertEquals(TxValidationCode.VALID, add.commit());
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, set.commit());
        assertEquals("[\"Org2MSP\"]", ok(tester.evaluate("listOrgs", "asset1")).payloadString());
    }

    @Test
    void aPolicyOfAnotherFormIsReportedNotMisread() {
        ok(tester.submit("setVal", "asset1", "100"));
        InMemoryStub tx = tester.ledger().newTransaction(tester.defaultCreator(), "x");
        tx.setStateValidationParameter("asset1", SignaturePolicyEnvelope.newBuilder()
                .addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                        .setPrincipal(ByteString.copyFromUtf8("cert")))
                .build().toByteString());
        tx.commit();
        Response r = tester.evaluate("listOrgs", "asset1");
        assertEquals(500, r.status());
        assertTrue(r.message().contains("only organisation roles are supported"), r.message());
    }

    @Test
    void wrongArgumentCountsAndUnknownFunctionsAreRefused() {
        assertEquals("expected 2 argument(s): setVal key value; got 1", tester.submit("setVal", "asset1").message());
        assertEquals("expected 1 argument(s): getVal key; got 0", tester.evaluate("getVal").message());
        assertEquals("expected at least 2 arguments: addOrgs key msp...; got 1", tester.submit("addOrgs", "asset1").message());
        assertEquals("expected at least 2 arguments: delOrgs key msp...; got 1", tester.submit("delOrgs", "asset1").message());
        assertEquals("expected 1 argument(s): listOrgs key; got 2", tester.evaluate("listOrgs", "a", "b").message());
        assertEquals("unknown function 'cc2cc'; this chaincode has setVal, getVal, addOrgs, delOrgs and listOrgs",
                tester.submit("cc2cc").message());
    }

    @Test
    void emptyKeysAndMspIdsAreRefused() {
        assertEquals("the key must not be empty", tester.submit("setVal", "", "1").message());
        ok(tester.submit("setVal", "asset1", "100"));
        assertEquals("an MSP id must not be empty", tester.submit("addOrgs", "asset1", "Org1MSP", "").message());
        assertTrue(tester.ledger().validationParameter("asset1").isEmpty());
    }

    private static Response ok(Response response) {
        assertTrue(response.isSuccess(), () -> "expected success, got " + response.status() + ": " + response.message());
        return response;
    }
}
