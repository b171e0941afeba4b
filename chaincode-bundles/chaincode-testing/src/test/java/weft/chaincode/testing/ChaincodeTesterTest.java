package weft.chaincode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.Chaincode;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.Response;

class ChaincodeTesterTest {

    /** Writes its first parameter under "k", then answers as its function says. */
    static final class Scripted implements Chaincode {
        @Override
        public Response init(ChaincodeStub stub) {
            stub.putStringState("initialised", "yes");
            return Response.success();
        }

        @Override
        public Response invoke(ChaincodeStub stub) {
            stub.putStringState("k", stub.parameters().get(0));
            return switch (stub.function()) {
                case "ok" -> Response.success(stub.getStringState("k"));
                case "client-error" -> new Response(404, "not found", ByteString.EMPTY);
                case "throw" -> throw new ChaincodeException("refused", ByteString.copyFromUtf8("p"));
                case "crash" -> throw new IllegalStateException("boom");
                default -> Response.error("unknown");
            };
        }
    }

    private final ChaincodeTester tester = ChaincodeTester.forChaincode(new Scripted());

    @Test
    void submitCommitsWhatASuccessfulProposalWrote() {
        Response first = tester.submit("ok", "v1");
        assertEquals("", first.payloadString(), "the proposal does not see its own write");
        assertEquals("v1", tester.submit("ok", "v2").payloadString());
        assertEquals(Map.of("k", ByteString.copyFromUtf8("v2")), tester.ledger().state());
        assertEquals(TxValidationCode.VALID, tester.lastTransaction().outcome().orElseThrow());
    }

    @Test
    void evaluateNeverCommits() {
        assertTrue(tester.evaluate("ok", "v1").isSuccess());
        assertTrue(tester.ledger().state().isEmpty());
        assertEquals(Map.of("k", ByteString.copyFromUtf8("v1")), tester.lastTransaction().pendingWrites());
    }

    @Test
    void aFailedProposalChangesNothing() {
        assertEquals(404, tester.submit("client-error", "x").status());
        Response refused = tester.submit("throw", "x");
        assertEquals(500, refused.status());
        assertEquals("refused", refused.message());
        assertEquals("p", refused.payloadString());
        assertEquals("boom", tester.submit("crash", "x").message());
        assertEquals("unknown", tester.submit("other", "x").message());
        assertTrue(tester.ledger().state().isEmpty());
        assertEquals(0, tester.ledger().height());
    }

    @Test
    void theInitFlagRunsInit() {
        TestIdentity admin = TestIdentity.create("Org1MSP", "admin");
        assertTrue(tester.submit(Proposal.of(admin, "anything").asInit()).isSuccess());
        assertEquals("yes", tester.ledger().state("initialised").toStringUtf8());
    }

    @Test
    void submitsAsTheGivenCreator() {
        TestIdentity bob = TestIdentity.create("Org2MSP", "bob");
        tester.submit(bob, "ok", "v");
        assertEquals("Org2MSP", TestClientIdentity.fromCreator(tester.lastTransaction().creator()).mspId());
        tester.submit("ok", "v");
        assertEquals(tester.defaultCreator().serialize(), tester.lastTransaction().creator());
    }

    @Test
    void thereIsNoLastTransactionBeforeTheFirst() {
        assertThrows(IllegalStateException.class, tester::lastTransaction);
    }
}
