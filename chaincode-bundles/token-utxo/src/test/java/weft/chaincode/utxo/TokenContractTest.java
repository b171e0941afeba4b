package weft.chaincode.utxo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.CompositeKey;
import weft.api.chaincode.Response;
import weft.chaincode.testing.ChaincodeTester;
import weft.chaincode.testing.ContractInvoker;
import weft.chaincode.testing.InMemoryLedger;
import weft.chaincode.testing.InMemoryStub;
import weft.chaincode.testing.TestIdentity;

class TokenContractTest {

    private static final Gson GSON = new Gson();

    private final TestIdentity minter = TestIdentity.create("Org1MSP", "minter");
    private final TestIdentity alice = TestIdentity.create("Org1MSP", "alice");
    private final TestIdentity bob = TestIdentity.create("Org2MSP", "bob");
    private final ChaincodeTester tester = new ChaincodeTester(ContractInvoker.of(new TokenContract("Org1MSP")),
            new InMemoryLedger(), minter);

    @Test
    void clientIdIsMspAndCertificateNames() {
        assertEquals("Org2MSP::x509::CN=bob,OU=client,O=Org2MSP::CN=ca.org2msp,O=Org2MSP",
                ok(tester.evaluate(bob, "ClientID")).payloadString());
    }

    @Test
    void minterMintsOneOutputNamedByItsTransaction() {
        JsonObject minted = json(ok(tester.submit(minter, "Mint", "USD", "100", owner(alice)))).getAsJsonObject();
        String txId = tester.lastTransaction().txId();
        assertEquals(txId + ":0", minted.get("id").getAsString());
        assertEquals(100, minted.get("amount").getAsLong());
        assertEquals("{\"USD\":100}", ok(tester.evaluate("Balance", owner(alice))).payloadString());
        assertEquals(minted, json(ok(tester.evaluate("GetOutput", txId + ":0"))));
    }

    @Test
    void storesEachOutputUnderItsCompositeKeyWithOwnerTypeAndAmount() {
        ok(tester.submit(minter, "Mint", "USD", "100", owner(alice)));
        String txId = tester.lastTransaction().txId();
        String key = CompositeKey.of("utxo", txId, "0").toString();
        assertEquals(Map.of(key, ByteString.copyFromUtf8("{\"owner\":\"" + owner(alice) + "\",\"type\":\"USD\",\"amount\":100}")),
                tester.ledger().state());
    }

    @Test
    void onlyTheMinterMspMints() {
        Response refused = tester.submit(bob, "Mint", "USD", "100", owner(bob));
        assertEquals(500, refused.status());
        assertEquals("client of Org2MSP may not mint: only Org1MSP mints", refused.message());
        assertTrue(tester.ledger().state().isEmpty());
    }

    @Test
    void theMinterMspIsConfigurable() {
        ChaincodeTester org2Mints = ChaincodeTester.forContracts(new TokenContract("Org2MSP"));
        ok(org2Mints.submit(bob, "Mint", "USD", "5", owner(bob)));
        assertEquals("client of Org1MSP may not mint: only Org2MSP mints",
                org2Mints.submit(minter, "Mint", "USD", "5", owner(bob)).message());
    }

    @Test
    void mintRefusesZeroNegativeAndMalformedAmounts() {
        assertEquals("an output's amount must be positive, was 0", tester.submit("Mint", "USD", "0", owner(alice)).message());
        assertEquals("an output's amount must be positive, was -5", tester.submit("Mint", "USD", "-5", owner(alice)).message());
        assertEquals("argument 2 (amount) of function 'Mint' is not a valid long: '1.5'",
                tester.submit("Mint", "USD", "1.5", owner(alice)).message());
        assertEquals("argument 2 (amount) of function 'Mint' is not a valid long: '9223372036854775808'",
                tester.submit("Mint", "USD", "9223372036854775808", owner(alice)).message());
        assertEquals("an output needs a token type", tester.submit("Mint", "", "5", owner(alice)).message());
        assertEquals("an output needs an owner", tester.submit("Mint", "USD", "5", "").message());
        assertTrue(tester.ledger().state().isEmpty());
    }

    @Test
    void transferSpendsInputsAndCreatesOutputsWithChange() {
        String coin = mint("USD", 100, alice);
        List<Map<String, Object>> outputs = List.of(output(bob, "USD", 30), output(alice, "USD", 70));
        JsonArray created = json(ok(tester.submit(alice, "Transfer", GSON.toJson(List.of(coin)), GSON.toJson(outputs))))
                .getAsJsonArray();
        String txId = tester.lastTransaction().txId();
        assertEquals(txId + ":0", created.get(0).getAsJsonObject().get("id").getAsString());
        assertEquals(txId + ":1", created.get(1).getAsJsonObject().get("id").getAsString());
        assertEquals("{\"USD\":30}", ok(tester.evaluate("Balance", owner(bob))).payloadString());
        assertEquals("{\"USD\":70}", ok(tester.evaluate("Balance", owner(alice))).payloadString());
        assertEquals("output " + coin + " does not exist or has been spent", tester.evaluate("GetOutput", coin).message());
    }

    @Test
    void transferMergesSeveralInputsAndKeepsTypesApart() {
        String a = mint("USD", 10, alice);
        String b = mint("USD", 15, alice);
        String c = mint("EUR", 7, alice);
        ok(tester.submit(alice, "Transfer", GSON.toJson(List.of(a, b, c)),
                GSON.toJson(List.of(output(bob, "USD", 25), output(bob, "EUR", 7)))));
        assertEquals("{\"EUR\":7,\"USD\":25}", ok(tester.evaluate("Balance", owner(bob))).payloadString());
        assertEquals("{}", ok(tester.evaluate("Balance", owner(alice))).payloadString());
        assertEquals(2, json(ok(tester.evaluate("ListOutputs", owner(bob)))).getAsJsonArray().size());
    }

    @Test
    void refusesATransferWhoseOutputsExceedItsInputs() {
        String coin = mint("USD", 100, alice);
        Response r = tester.submit(alice, "Transfer", GSON.toJson(List.of(coin)), GSON.toJson(List.of(output(bob, "USD", 101))));
        assertEquals("inputs of type USD hold 100 but outputs 101", r.message());
        assertUnspent(coin);
    }

    @Test
    void refusesATransferThatBurnsPartOfItsInputs() {
        String coin = mint("USD", 100, alice);
        Response r = tester.submit(alice, "Transfer", GSON.toJson(List.of(coin)), GSON.toJson(List.of(output(bob, "USD", 99))));
        assertEquals("inputs of type USD hold 100 but outputs 99", r.message());
    }

    @Test
    void refusesATransferThatTurnsOneTypeIntoAnother() {
        String coin = mint("USD", 100, alice);
        Response r = tester.submit(alice, "Transfer", GSON.toJson(List.of(coin)), GSON.toJson(List.of(output(bob, "EUR", 100))));
        assertEquals("inputs of type EUR hold 0 but outputs 100", r.message());
    }

    @Test
    void refusesToSpendAnotherOwnersOutput() {
        String coin = mint("USD", 100, alice);
        Response r = tester.submit(bob, "Transfer", GSON.toJson(List.of(coin)), GSON.toJson(List.of(output(bob, "USD", 100))));
        assertEquals("output " + coin + " belongs to " + owner(alice) + ", not to the caller " + owner(bob), r.message());
        assertUnspent(coin);
    }

    @Test
    void sameNameInAnotherMspIsAnotherOwner() {
        TestIdentity impostor = TestIdentity.create("Org2MSP", "alice");
        String coin = mint("USD", 100, alice);
        Response r = tester.submit(impostor, "Transfer", GSON.toJson(List.of(coin)),
                GSON.toJson(List.of(output(impostor, "USD", 100))));
        assertEquals(500, r.status());
        assertTrue(r.message().contains("not to the caller Org2MSP::"), r.message());
    }

    @Test
    void refusesToSpendAnOutputThatDoesNotExist() {
        String missing = "0".repeat(64) + ":0";
        Response r = tester.submit(alice, "Transfer", GSON.toJson(List.of(missing)), GSON.toJson(List.of(output(bob, "USD", 1))));
        assertEquals("output " + missing + " does not exist or has been spent", r.message());
    }

    @Test
    void refusesToSpendAnOutputTwice() {
        String coin = mint("USD", 100, alice);
        ok(tester.submit(alice, "Transfer", GSON.toJson(List.of(coin)), GSON.toJson(List.of(output(bob, "USD", 100)))));
        Response again = tester.submit(alice, "Transfer", GSON.toJson(List.of(coin)), GSON.toJson(List.of(output(alice, "USD", 100))));
        assertEquals("output " + coin + " does not exist or has been spent", again.message());
    }

    @Test
    void refusesTheSameInputTwiceWithinOneTransfer() {
        String coin = mint("USD", 100, alice);
        Response r = tester.submit(alice, "Transfer", GSON.toJson(List.of(coin, coin)),
                GSON.toJson(List.of(output(bob, "USD", 200))));
        assertEquals("output " + coin + " is spent twice in this transfer", r.message());
        assertUnspent(coin);
    }

    @Test
    void twoTransfersSimulatedOnTheSameStateCannotBothCommit() {
        String coin = mint("USD", 100, alice);
        ContractInvoker token = ContractInvoker.of(new TokenContract("Org1MSP"));
        InMemoryStub first = tester.ledger().newTransaction(alice, "Transfer", GSON.toJson(List.of(coin)),
                GSON.toJson(List.of(output(bob, "USD", 100))));
        InMemoryStub second = tester.ledger().newTransaction(alice, "Transfer", GSON.toJson(List.of(coin)),
                GSON.toJson(List.of(output(alice, "USD", 100))));
        ok(token.invoke(first));
        ok(token.invoke(second));
        assertEquals(TxValidationCode.VALID, first.commit());
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, second.commit());
        assertEquals("{\"USD\":100}", ok(tester.evaluate("Balance", owner(bob))).payloadString());
        assertEquals("{}", ok(tester.evaluate("Balance", owner(alice))).payloadString());
    }

    @Test
    void aTransfersReadWriteSetNamesEverySpentAndCreatedOutput() {
        // The UTXO validator works from this: reads and deletes of the inputs' keys, writes of the outputs' keys.
        String coin = mint("USD", 100, alice);
        ok(tester.submit(alice, "Transfer", GSON.toJson(List.of(coin)),
                GSON.toJson(List.of(output(bob, "USD", 60), output(alice, "USD", 40)))));
        InMemoryStub tx = tester.lastTransaction();
        String inputKey = CompositeKey.of("utxo", coin.substring(0, 64), "0").toString();
        assertEquals(List.of(inputKey), List.copyOf(tx.publicReads().keySet()));
        assertFalse(tx.publicReads().get(inputKey) == null, "the input was read with its version");
        Map<String, ByteString> writes = tx.pendingWrites();
        assertEquals(List.of(inputKey, CompositeKey.of("utxo", tx.txId(), "0").toString(),
                CompositeKey.of("utxo", tx.txId(), "1").toString()), List.copyOf(writes.keySet()));
        assertTrue(writes.get(inputKey).isEmpty(), "the input is deleted");
        assertEquals("Transfer", tx.event().orElseThrow().getEventName());
    }

    @Test
    void refusesTotalsThatOverflow() {
        String big = mint("USD", Long.MAX_VALUE, alice);
        String one = mint("USD", 1, alice);
        Response r = tester.submit(alice, "Transfer", GSON.toJson(List.of(big, one)),
                GSON.toJson(List.of(output(bob, "USD", 1))));
        assertEquals("amounts overflow a 64-bit total", r.message());
        Response outputs = tester.submit(alice, "Transfer", GSON.toJson(List.of(big)),
                GSON.toJson(List.of(output(bob, "USD", Long.MAX_VALUE), output(bob, "USD", 1))));
        assertEquals("amounts overflow a 64-bit total", outputs.message());
    }

    @Test
    void refusesEmptyInputsOrOutputs() {
        String coin = mint("USD", 1, alice);
        assertEquals("a transfer needs at least one input",
                tester.submit(alice, "Transfer", "[]", GSON.toJson(List.of(output(bob, "USD", 1)))).message());
        assertEquals("a transfer needs at least one output",
                tester.submit(alice, "Transfer", GSON.toJson(List.of(coin)), "[]").message());
    }

    @Test
    void refusesOutputsWithoutOwnerTypeOrPositiveAmount() {
        String coin = mint("USD", 1, alice);
        String in = GSON.toJson(List.of(coin));
        assertEquals("an output needs an owner", tester.submit(alice, "Transfer", in, "[{\"type\":\"USD\",\"amount\":1}]").message());
        assertEquals("an output needs a token type",
                tester.submit(alice, "Transfer", in, "[{\"owner\":\"x\",\"amount\":1}]").message());
        assertEquals("an output's amount must be positive, was -1",
                tester.submit(alice, "Transfer", in, "[{\"owner\":\"x\",\"type\":\"USD\",\"amount\":-1}]").message());
        assertEquals("an output must not be null", tester.submit(alice, "Transfer", in, "[null]").message());
    }

    @Test
    void refusesArgumentsThatAreNotJson() {
        Response r = tester.submit(alice, "Transfer", "not json", "[]");
        assertEquals("argument 1 (inputs) of function 'Transfer' is not a valid List: 'not json'", r.message());
        Response amount = tester.submit(alice, "Transfer", "[\"a:0\"]", "[{\"owner\":\"x\",\"type\":\"USD\",\"amount\":\"lots\"}]");
        assertTrue(amount.message().startsWith("argument 2 (outputs) of function 'Transfer' is not a valid List"), amount.message());
    }

    @Test
    void refusesMalformedOutputIds() {
        for (String id : List.of("nocolon", ":0", "tx:", "tx:-1", "tx:01", "tx:1a", "tx:9999999999")) {
            Response r = tester.evaluate("GetOutput", id);
            assertEquals(500, r.status(), id);
            assertTrue(r.message().startsWith("output id '" + id + "'"), r.message());
        }
    }

    @Test
    void mintSetsAnEventListingTheNewOutput() {
        ok(tester.submit(minter, "Mint", "USD", "3", owner(alice)));
        var event = tester.lastTransaction().event().orElseThrow();
        assertEquals("Mint", event.getEventName());
        assertEquals(3, JsonParser.parseString(event.getPayload().toStringUtf8()).getAsJsonArray().get(0)
                .getAsJsonObject().get("amount").getAsLong());
    }

    @Test
    void balanceIgnoresOtherOwnersAndListOutputsIsInKeyOrder() {
        mint("USD", 5, alice);
        mint("USD", 6, bob);
        mint("USD", 7, alice);
        assertEquals("{\"USD\":12}", ok(tester.evaluate("Balance", owner(alice))).payloadString());
        JsonArray outputs = json(ok(tester.evaluate("ListOutputs", owner(alice)))).getAsJsonArray();
        assertEquals(2, outputs.size());
        assertTrue(outputs.get(0).getAsJsonObject().get("id").getAsString()
                .compareTo(outputs.get(1).getAsJsonObject().get("id").getAsString()) < 0);
        assertEquals("{}", ok(tester.evaluate("Balance", "nobody")).payloadString());
    }

    private String mint(String type, long amount, TestIdentity owner) {
        ok(tester.submit(minter, "Mint", type, Long.toString(amount), owner(owner)));
        return tester.lastTransaction().txId() + ":0";
    }

    private void assertUnspent(String id) {
        ok(tester.evaluate("GetOutput", id));
    }

    private static Map<String, Object> output(TestIdentity owner, String type, long amount) {
        return Map.of("owner", owner(owner), "type", type, "amount", amount);
    }

    private static String owner(TestIdentity identity) {
        return TokenContract.owner(identity.clientIdentity());
    }

    private static com.google.gson.JsonElement json(Response response) {
        return JsonParser.parseString(response.payloadString());
    }

    private static Response ok(Response response) {
        assertTrue(response.isSuccess(), () -> "expected success, got " + response.status() + ": " + response.message());
        return response;
    }
}
