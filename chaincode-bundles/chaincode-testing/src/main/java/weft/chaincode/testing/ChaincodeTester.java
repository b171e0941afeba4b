package weft.chaincode.testing;

import java.util.Objects;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.chaincode.Chaincode;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.Response;
import weft.api.chaincode.contract.ContractInterface;

/**
 * Runs a chaincode against an {@link InMemoryLedger} the way clients use it: {@link #submit} simulates a proposal
 * and commits its writes when the chaincode succeeds; {@link #evaluate} simulates and never commits. A failed
 * proposal (status 400 or above, or an exception) changes nothing, as on a peer.
 * <pre>{@code
 * ChaincodeTester tester = ChaincodeTester.forContracts(new AssetTransfer());
 * TestIdentity alice = TestIdentity.create("Org1MSP", "alice");
 * Response created = tester.submit(alice, "CreateAsset", "asset1", "blue", "5", "Tomoko", "300");
 * assertTrue(created.isSuccess(), created.message());
 * assertEquals("Tomoko", JsonParser.parseString(tester.evaluate(alice, "ReadAsset", "asset1").payloadString())
 *         .getAsJsonObject().get("Owner").getAsString());
 * }</pre>
 * One transaction at a time, each simulated on the state the previous one committed; to test conflicts between
 * concurrent transactions, use {@link InMemoryLedger#newTransaction} and {@link InMemoryStub#commit()} directly.
 */
public final class ChaincodeTester {

    private final Chaincode chaincode;
    private final InMemoryLedger ledger;
    private final TestIdentity defaultCreator;
    private InMemoryStub last;

    /** A tester for {@code chaincode} over {@code ledger}, with {@code User1} of {@code Org1MSP} as default creator. */
    public ChaincodeTester(Chaincode chaincode, InMemoryLedger ledger) {
        this(chaincode, ledger, TestIdentity.create("Org1MSP", "User1"));
    }

    public ChaincodeTester(Chaincode chaincode, InMemoryLedger ledger, TestIdentity defaultCreator) {
        this.chaincode = Objects.requireNonNull(chaincode, "chaincode");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.defaultCreator = Objects.requireNonNull(defaultCreator, "defaultCreator");
    }

    /** A tester for a plain chaincode over an empty ledger. */
    public static ChaincodeTester forChaincode(Chaincode chaincode) {
        return new ChaincodeTester(chaincode, new InMemoryLedger());
    }

    /** A tester for contracts (see {@link ContractInvoker}) over an empty ledger. */
    public static ChaincodeTester forContracts(ContractInterface... contracts) {
        return forChaincode(ContractInvoker.of(contracts));
    }

    public InMemoryLedger ledger() {
        return ledger;
    }

    public TestIdentity defaultCreator() {
        return defaultCreator;
    }

    /** Submits {@code function(args...)} from the default creator; see {@link #submit(Proposal)}. */
    public Response submit(String function, String... args) {
        return submit(Proposal.of(defaultCreator, function, args));
    }

    /** Submits {@code function(args...)} from {@code creator}; see {@link #submit(Proposal)}. */
    public Response submit(TestIdentity creator, String function, String... args) {
        return submit(Proposal.of(creator, function, args));
    }

    /**
     * Simulates the proposal and, when the chaincode succeeds, commits its writes. Nothing else commits between
     * simulation and commit, so the commit is always valid.
     */
    public Response submit(Proposal proposal) {
        Response response = run(proposal);
        if (response.isSuccess()) {
            TxValidationCode code = last.commit();
            if (code != TxValidationCode.VALID) {
                throw new IllegalStateException("transaction " + last.txId() + " did not commit: " + code);
            }
        }
        return response;
    }

    /** Evaluates {@code function(args...)} from the default creator: simulated, never committed. */
    public Response evaluate(String function, String... args) {
        return evaluate(Proposal.of(defaultCreator, function, args));
    }

    /** Evaluates {@code function(args...)} from {@code creator}: simulated, never committed. */
    public Response evaluate(TestIdentity creator, String function, String... args) {
        return evaluate(Proposal.of(creator, function, args));
    }

    /** Simulates the proposal and discards its writes. */
    public Response evaluate(Proposal proposal) {
        return run(proposal);
    }

    /** The stub of the latest submitted or evaluated proposal: its writes, reads, event and outcome. */
    public InMemoryStub lastTransaction() {
        if (last == null) {
            throw new IllegalStateException("nothing has been submitted or evaluated yet");
        }
        return last;
    }

    private Response run(Proposal proposal) {
        last = ledger.newTransaction(proposal);
        try {
            Response response = proposal.init() ? chaincode.init(last) : chaincode.invoke(last);
            return Objects.requireNonNull(response, "the chaincode returned no response");
        } catch (ChaincodeException e) {
            return new Response(Response.ERROR, String.valueOf(e.getMessage()), e.payload());
        } catch (RuntimeException e) {
            return Response.error(e.getMessage() != null ? e.getMessage() : e.getClass().getName());
        }
    }
}
