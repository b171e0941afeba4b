package weft.chaincode.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.Response;
import weft.chaincode.testing.ChaincodeTester;
import weft.chaincode.testing.ContractInvoker;

class AssetTransferTest {

    private ChaincodeTester tester;

    @BeforeEach
    void setUp() {
        tester = ChaincodeTester.forContracts(new AssetTransfer());
    }

    @Test
    void initLedgerCreatesTheSamplesSixAssets() {
        ok(tester.submit("InitLedger"));
        JsonArray all = JsonParser.parseString(ok(tester.evaluate("GetAllAssets")).payloadString()).getAsJsonArray();
        assertEquals(6, all.size());
        assertEquals("{\"AppraisedValue\":500,\"Color\":\"green\",\"ID\":\"asset3\",\"Owner\":\"Jin Soo\",\"Size\":10}",
                all.get(2).toString());
    }

    @Test
    void storesAssetsAsFabricSampleJsonWithAlphabeticalFields() {
        ok(tester.submit("CreateAsset", "asset7", "orange", "7", "Ana", "900"));
        assertEquals("{\"AppraisedValue\":900,\"Color\":\"orange\",\"ID\":\"asset7\",\"Owner\":\"Ana\",\"Size\":7}",
                tester.ledger().state("asset7").toStringUtf8());
    }

    @Test
    void createAssetReturnsTheAssetAndReadAssetFindsIt() {
        Response created = ok(tester.submit("CreateAsset", "asset7", "orange", "7", "Ana", "900"));
        Response read = ok(tester.evaluate("ReadAsset", "asset7"));
        assertEquals(created.payloadString(), read.payloadString());
        JsonObject asset = JsonParser.parseString(read.payloadString()).getAsJsonObject();
        assertEquals("Ana", asset.get("Owner").getAsString());
        assertEquals(7, asset.get("Size").getAsInt());
        assertEquals(900, asset.get("AppraisedValue").getAsInt());
    }

    @Test
    void refusesToCreateAnAssetThatExists() {
        ok(tester.submit("CreateAsset", "asset7", "orange", "7", "Ana", "900"));
        Response again = tester.submit("CreateAsset", "asset7", "red", "1", "Bob", "1");
        assertEquals(500, again.status());
        assertEquals("the asset asset7 already exists", again.message());
        assertTrue(tester.ledger().state("asset7").toStringUtf8().contains("\"Owner\":\"Ana\""), "unchanged");
    }

    @Test
    void readingAnUnknownAssetFails() {
        Response read = tester.evaluate("ReadAsset", "nope");
        assertEquals(500, read.status());
        assertEquals("the asset nope does not exist", read.message());
    }

    @Test
    void updateAssetReplacesFieldsOfAnExistingAsset() {
        ok(tester.submit("CreateAsset", "asset7", "orange", "7", "Ana", "900"));
        ok(tester.submit("UpdateAsset", "asset7", "purple", "8", "Bea", "1000"));
        assertEquals("{\"AppraisedValue\":1000,\"Color\":\"purple\",\"ID\":\"asset7\",\"Owner\":\"Bea\",\"Size\":8}",
                ok(tester.evaluate("ReadAsset", "asset7")).payloadString());
    }

    @Test
    void updatingAnUnknownAssetFailsAndWritesNothing() {
        Response update = tester.submit("UpdateAsset", "asset7", "purple", "8", "Bea", "1000");
        assertEquals("the asset asset7 does not exist", update.message());
        assertTrue(tester.ledger().state().isEmpty());
    }

    @Test
    void deleteAssetRemovesIt() {
        ok(tester.submit("CreateAsset", "asset7", "orange", "7", "Ana", "900"));
        ok(tester.submit("DeleteAsset", "asset7"));
        assertEquals("false", ok(tester.evaluate("AssetExists", "asset7")).payloadString());
        assertEquals("the asset asset7 does not exist", tester.evaluate("ReadAsset", "asset7").message());
    }

    @Test
    void deletingAnUnknownAssetFails() {
        assertEquals("the asset asset7 does not exist", tester.submit("DeleteAsset", "asset7").message());
    }

    @Test
    void assetExistsAnswersTrueOrFalseAsJson() {
        assertEquals("false", ok(tester.evaluate("AssetExists", "asset1")).payloadString());
        ok(tester.submit("InitLedger"));
        assertEquals("true", ok(tester.evaluate("AssetExists", "asset1")).payloadString());
    }

    @Test
    void transferAssetChangesTheOwnerAndReturnsTheOldOne() {
        ok(tester.submit("InitLedger"));
        Response transfer = ok(tester.submit("TransferAsset", "asset1", "Christopher"));
        assertEquals("Tomoko", transfer.payloadString());
        JsonObject asset = JsonParser.parseString(ok(tester.evaluate("ReadAsset", "asset1")).payloadString()).getAsJsonObject();
        assertEquals("Christopher", asset.get("Owner").getAsString());
        assertEquals("blue", asset.get("Color").getAsString());
    }

    @Test
    void transferringAnUnknownAssetFails() {
        assertEquals("the asset asset9 does not exist", tester.submit("TransferAsset", "asset9", "Max").message());
    }

    @Test
    void getAllAssetsIsEmptyOnAnEmptyLedgerAndInKeyOrderOtherwise() {
        assertEquals("[]", ok(tester.evaluate("GetAllAssets")).payloadString());
        ok(tester.submit("CreateAsset", "b", "c", "1", "o", "1"));
        ok(tester.submit("CreateAsset", "a", "c", "1", "o", "1"));
        JsonArray all = JsonParser.parseString(ok(tester.evaluate("GetAllAssets")).payloadString()).getAsJsonArray();
        assertEquals(List.of("a", "b"), all.asList().stream().map(e -> e.getAsJsonObject().get("ID").getAsString()).toList());
    }

    @Test
    void aNonNumericSizeIsRefusedNamingTheArgument() {
        Response bad = tester.submit("CreateAsset", "asset7", "orange", "seven", "Ana", "900");
        assertEquals(500, bad.status());
        assertEquals("argument 3 (size) of function 'CreateAsset' is not a valid int: 'seven'", bad.message());
        assertTrue(tester.ledger().state().isEmpty());
    }

    @Test
    void aWrongArgumentCountIsRefused() {
        Response bad = tester.submit("CreateAsset", "asset7", "orange");
        assertEquals("function 'CreateAsset' takes 5 argument(s), got 2", bad.message());
    }

    @Test
    void anUnknownFunctionIsRefused() {
        assertEquals("contract 'basic' has no transaction function 'BurnAsset'", tester.submit("BurnAsset").message());
    }

    @Test
    void theContractPrefixSelectsTheSameFunctions() {
        ok(tester.submit("basic:CreateAsset", "asset7", "orange", "7", "Ana", "900"));
        assertEquals("true", ok(tester.evaluate("basic:AssetExists", "asset7")).payloadString());
    }

    @Test
    void anEmptyIdIsRefused() {
        assertEquals("the asset id must not be empty", tester.submit("CreateAsset", "", "c", "1", "o", "1").message());
    }

    @Test
    void aCorruptStoredAssetIsReportedNotReturned() {
        ok(tester.submit("CreateAsset", "asset7", "orange", "7", "Ana", "900"));
        // Another chaincode version could have written anything under the key.
        var tx = tester.ledger().newTransaction(tester.defaultCreator(), "x");
        tx.putStringState("asset7", "{not json");
        tx.commit();
        Response read = tester.evaluate("ReadAsset", "asset7");
        assertEquals(500, read.status());
        assertTrue(read.message().startsWith("the asset asset7 is not valid JSON"), read.message());
    }

    @Test
    void publishesEveryFunctionOfTheFabricSample() {
        assertEquals(List.of("basic:AssetExists", "basic:CreateAsset", "basic:DeleteAsset", "basic:GetAllAssets",
                "basic:InitLedger", "basic:ReadAsset", "basic:TransferAsset", "basic:UpdateAsset"),
                List.copyOf(ContractInvoker.of(new AssetTransfer()).functions()));
    }

    @Test
    void createThenReadInOneTransactionDoesNotSeeTheWrite() {
        // Fabric's rule: a read in the transaction that wrote the key sees committed state.
        var tx = tester.ledger().newTransaction(tester.defaultCreator(), "CreateAsset", "asset7", "o", "1", "A", "1");
        ok(ContractInvoker.of(new AssetTransfer()).invoke(tx));
        var ctx = weft.chaincode.testing.TestContext.of(tx);
        assertFalse(new AssetTransfer().AssetExists(ctx, "asset7"));
    }

    private static Response ok(Response response) {
        assertTrue(response.isSuccess(), () -> "expected success, got " + response.status() + ": " + response.message());
        return response;
    }
    @Test
    void createUpdateTransferAndDeleteEmitAnEventNamedAfterTheFunctionWithTheAssetJson() {
        ok(tester.submit("CreateAsset", "asset7", "orange", "7", "Ana", "900"));
        assertEvent("CreateAsset", "\"ID\":\"asset7\"", "\"Owner\":\"Ana\"");
        ok(tester.submit("UpdateAsset", "asset7", "purple", "8", "Bea", "1000"));
        assertEvent("UpdateAsset", "\"Color\":\"purple\"", "\"Owner\":\"Bea\"");
        ok(tester.submit("TransferAsset", "asset7", "Cid"));
        assertEvent("TransferAsset", "\"ID\":\"asset7\"", "\"Owner\":\"Cid\"");
        ok(tester.submit("DeleteAsset", "asset7"));
        assertEvent("DeleteAsset", "\"ID\":\"asset7\"", "\"Owner\":\"Cid\"");
        ok(tester.evaluate("AssetExists", "asset1"));
        assertFalse(tester.lastTransaction().event().isPresent(), "queries emit no event");
        Response refused = tester.submit("DeleteAsset", "asset7");
        assertEquals(Response.ERROR, refused.status());
    }

    private void assertEvent(String name, String... fragments) {
        var event = tester.lastTransaction().event().orElseThrow(() -> new AssertionError("no event for " + name));
        assertEquals(name, event.getEventName());
        for (String fragment : fragments) {
            assertTrue(event.getPayload().toStringUtf8().contains(fragment), event.getPayload().toStringUtf8());
        }
    }
}
