package weft.chaincode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.CompositeKey;
import weft.api.chaincode.KeyModification;
import weft.api.chaincode.KeyValue;
import weft.api.chaincode.Page;
import weft.api.chaincode.QueryResults;

class InMemoryStubTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final TestIdentity alice = TestIdentity.create("Org1MSP", "alice");
    private final InMemoryLedger ledger = new InMemoryLedger("testchannel", Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void readsSeeCommittedStateNotTheTransactionsOwnWrites() {
        commit(Map.of("k", "v1"));
        InMemoryStub tx = tx();
        tx.putStringState("k", "v2");
        tx.putStringState("new", "x");
        assertEquals("v1", tx.getStringState("k"));
        assertEquals("", tx.getStringState("new"));
        assertEquals(TxValidationCode.VALID, tx.commit());
        assertEquals("v2", tx().getStringState("k"));
        assertEquals(1 + 1, ledger.height());
    }

    @Test
    void anEmptyValueAndDelStateAreDeletes() {
        commit(Map.of("a", "1", "b", "2"));
        InMemoryStub tx = tx();
        tx.delState("a");
        tx.putState("b", ByteString.EMPTY);
        tx.commit();
        assertTrue(ledger.state().isEmpty());
    }

    @Test
    void rangeQueriesRunInKeyOrderAndLeaveCompositeKeysOut() {
        String supplementary = new String(Character.toChars(0x1F600)); // after U+FFFF in UTF-8 byte order
        commit(Map.of("b", "2", "a", "1", "\uFFFF", "3", supplementary, "4",
                CompositeKey.of("owner", "alice").toString(), "c"));
        assertEquals(List.of("a", "b", "\uFFFF", supplementary), keys(tx().getStateByRange("", "")));
        assertEquals(List.of("b"), keys(tx().getStateByRange("b", "c")));
        assertEquals(List.of("a"), keys(tx().getStateByRange("", "b")));
        assertEquals(List.of("b", "\uFFFF", supplementary), keys(tx().getStateByRange("b", "")));
        assertEquals(List.of(), keys(tx().getStateByRange("z", "a")));
    }

    @Test
    void rangeBoundsMayNotBeCompositeKeys() {
        ChaincodeException e = assertThrows(ChaincodeException.class,
                () -> tx().getStateByRange(CompositeKey.of("owner").toString(), ""));
        assertTrue(e.getMessage().contains("starts with U+0000"), e.getMessage());
    }

    @Test
    void partialCompositeKeyQueriesMatchWholeTypesAndLeadingAttributes() {
        commit(Map.of(
                CompositeKey.of("owner", "alice", "a1").toString(), "1",
                CompositeKey.of("owner", "alice", "a2").toString(), "2",
                CompositeKey.of("owner", "alicia", "a3").toString(), "3",
                CompositeKey.of("owners", "x").toString(), "4",
                "plain", "5"));
        assertEquals(List.of("1", "2"), values(tx().getStateByPartialCompositeKey(CompositeKey.of("owner", "alice"))));
        assertEquals(List.of("1", "2", "3"), values(tx().getStateByPartialCompositeKey(CompositeKey.of("owner"))));
        assertEquals(List.of("4"), values(tx().getStateByPartialCompositeKey(CompositeKey.of("owners"))));
        assertEquals("1", tx().getStringState(CompositeKey.of("owner", "alice", "a1").toString()));
    }

    @Test
    void paginatedRangeQueriesHandOutBookmarksUntilTheEnd() {
        commit(Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
        InMemoryStub tx = tx();
        Page first = tx.getStateByRangeWithPagination("", "", 2, "");
        assertEquals(List.of("a", "b"), first.entries().stream().map(KeyValue::key).toList());
        assertEquals("c", first.bookmark());
        Page second = tx.getStateByRangeWithPagination("", "", 2, first.bookmark());
        assertEquals(List.of("c", "d"), second.entries().stream().map(KeyValue::key).toList());
        Page last = tx.getStateByRangeWithPagination("", "", 2, second.bookmark());
        assertEquals(List.of("e"), last.entries().stream().map(KeyValue::key).toList());
        assertEquals("", last.bookmark());
        assertEquals(1, last.fetchedCount());
        Page bounded = tx.getStateByRangeWithPagination("b", "d", 5, "");
        assertEquals(List.of("b", "c"), bounded.entries().stream().map(KeyValue::key).toList());
        assertEquals("", bounded.bookmark());
    }

    @Test
    void paginatedCompositeKeyQueriesHandOutCompositeBookmarks() {
        commit(Map.of(CompositeKey.of("t", "1").toString(), "1", CompositeKey.of("t", "2").toString(), "2",
                CompositeKey.of("t", "3").toString(), "3", CompositeKey.of("u", "1").toString(), "x"));
        InMemoryStub tx = tx();
        Page first = tx.getStateByPartialCompositeKeyWithPagination(CompositeKey.of("t"), 2, "");
        assertEquals(CompositeKey.of("t", "3").toString(), first.bookmark());
        Page rest = tx.getStateByPartialCompositeKeyWithPagination(CompositeKey.of("t"), 2, first.bookmark());
        assertEquals(List.of("3"), rest.entries().stream().map(KeyValue::stringValue).toList());
        assertEquals("", rest.bookmark());
        assertThrows(ChaincodeException.class,
                () -> tx.getStateByPartialCompositeKeyWithPagination(CompositeKey.of("t"), 2, CompositeKey.of("u", "1").toString()));
    }

    @Test
    void paginationIsOnlyForReadOnlyTransactions() {
        InMemoryStub wrote = tx();
        wrote.putStringState("k", "v");
        ChaincodeException afterWrite = assertThrows(ChaincodeException.class,
                () -> wrote.getStateByRangeWithPagination("", "", 10, ""));
        assertTrue(afterWrite.getMessage().contains("read-only"), afterWrite.getMessage());

        InMemoryStub paged = tx();
        paged.getStateByPartialCompositeKeyWithPagination(CompositeKey.of("t"), 10, "");
        ChaincodeException writeAfter = assertThrows(ChaincodeException.class, () -> paged.putStringState("k", "v"));
        assertTrue(writeAfter.getMessage().contains("paginated"), writeAfter.getMessage());
        assertThrows(ChaincodeException.class, () -> paged.setStateValidationParameter("k", ByteString.copyFromUtf8("p")));
        assertThrows(ChaincodeException.class, () -> paged.putPrivateData("col", "k", ByteString.copyFromUtf8("v")));
    }

    @Test
    void pageSizeMustBePositive() {
        assertThrows(ChaincodeException.class, () -> tx().getStateByRangeWithPagination("", "", 0, ""));
    }

    @Test
    void historyListsCommittedChangesNewestFirstWithTheirTransactions() {
        InMemoryStub first = tx();
        first.putStringState("k", "v1");
        first.commit();
        InMemoryStub second = ledger.newTransaction(Proposal.of(alice, "f").at(T0.plusSeconds(10)));
        second.delState("k");
        second.commit();
        List<KeyModification> history = new ArrayList<>();
        tx().getHistoryForKey("k").forEach(history::add);
        assertEquals(2, history.size());
        assertEquals(new KeyModification(second.txId(), T0.plusSeconds(10), ByteString.EMPTY, true), history.get(0));
        assertEquals(new KeyModification(first.txId(), T0, ByteString.copyFromUtf8("v1"), false), history.get(1));
        assertFalse(tx().getHistoryForKey("other").iterator().hasNext());
    }

    @Test
    void validationParametersAreCommittedKeptOnUpdateAndGoWithTheKey() {
        ByteString policy = ByteString.copyFromUtf8("policy");
        commit(Map.of("k", "v"));
        InMemoryStub set = tx();
        set.setStateValidationParameter("k", policy);
        assertEquals(ByteString.EMPTY, set.getStateValidationParameter("k"), "not visible before commit");
        set.commit();
        assertEquals(policy, tx().getStateValidationParameter("k"));
        commit(Map.of("k", "v2"));
        assertEquals(policy, ledger.validationParameter("k"), "a value update keeps the policy");

        InMemoryStub remove = tx();
        remove.setStateValidationParameter("k", ByteString.EMPTY);
        remove.commit();
        assertEquals(ByteString.EMPTY, ledger.validationParameter("k"));

        InMemoryStub again = tx();
        again.setStateValidationParameter("k", policy);
        again.commit();
        InMemoryStub delete = tx();
        delete.delState("k");
        delete.commit();
        commit(Map.of("k", "back"));
        assertEquals(ByteString.EMPTY, ledger.validationParameter("k"), "a deleted key loses its policy");
    }

    @Test
    void aPolicyForAKeyWithoutValueIsDropped() {
        InMemoryStub tx = tx();
        tx.setStateValidationParameter("ghost", ByteString.copyFromUtf8("policy"));
        assertEquals(TxValidationCode.VALID, tx.commit());
        assertTrue(ledger.state().isEmpty());
        assertEquals(ByteString.EMPTY, ledger.validationParameter("ghost"));
    }

    @Test
    void privateDataIsKeptPerCollectionWithItsHashReadable() throws Exception {
        ByteString secret = ByteString.copyFromUtf8("secret");
        InMemoryStub write = tx();
        write.putPrivateData("col1", "k", secret);
        assertEquals(ByteString.EMPTY, write.getPrivateData("col1", "k"));
        assertEquals(Map.of("k", secret), write.pendingPrivateWrites("col1"));
        write.commit();
        InMemoryStub read = tx();
        assertEquals(secret, read.getPrivateData("col1", "k"));
        assertEquals(ByteString.EMPTY, read.getPrivateData("col2", "k"));
        assertEquals(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(secret.toByteArray())),
                read.getPrivateDataHash("col1", "k"));
        assertEquals(ByteString.EMPTY, read.getPrivateDataHash("col1", "none"));
        assertEquals(ByteString.EMPTY, read.getState("k"), "private keys are not public keys");
        InMemoryStub delete = tx();
        delete.delPrivateData("col1", "k");
        delete.commit();
        assertEquals(ByteString.EMPTY, ledger.privateData("col1", "k"));
        assertThrows(ChaincodeException.class, () -> tx().getPrivateData("", "k"));
    }

    @Test
    void theProposalIsVisibleAsFabricShapesIt() throws Exception {
        ByteString nonce = ByteString.copyFromUtf8("nonce");
        Proposal proposal = Proposal.of(alice, "transfer", "a1", "bob")
                .withTransient("price", ByteString.copyFromUtf8("10")).withNonce(nonce).asInit();
        InMemoryStub tx = ledger.newTransaction(proposal);
        assertEquals("transfer", tx.function());
        assertEquals(List.of("a1", "bob"), tx.parameters());
        assertEquals(3, tx.args().size());
        assertEquals(Map.of("price", ByteString.copyFromUtf8("10")), tx.transientData());
        assertTrue(tx.isInit());
        assertEquals("testchannel", tx.channelId());
        assertEquals(T0, tx.txTimestamp());
        SerializedIdentity creator = SerializedIdentity.parseFrom(tx.creator());
        assertEquals("Org1MSP", creator.getMspid());
        assertTrue(creator.getIdBytes().toStringUtf8().startsWith("-----BEGIN CERTIFICATE-----"));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(nonce.toByteArray());
        sha256.update(tx.creator().toByteArray());
        assertEquals(HexFormat.of().formatHex(sha256.digest()), tx.txId());
        assertEquals("", ledger.newTransaction(Proposal.ofBytes(ByteString.EMPTY, List.of())).function());
    }

    @Test
    void eachTransactionGetsItsOwnIdWithRandomNonces() {
        assertFalse(tx().txId().equals(tx().txId()));
    }

    @Test
    void theLastEventSetWins() {
        InMemoryStub tx = tx();
        assertTrue(tx.event().isEmpty());
        tx.setEvent("first", ByteString.copyFromUtf8("1"));
        tx.setEvent("second", ByteString.copyFromUtf8("2"));
        assertEquals("second", tx.event().orElseThrow().getEventName());
        assertEquals(tx.txId(), tx.event().orElseThrow().getTxId());
        assertThrows(ChaincodeException.class, () -> tx.setEvent("", ByteString.EMPTY));
    }

    @Test
    void aChangedReadIsAnMvccConflictAndWritesNothing() {
        commit(Map.of("k", "v1"));
        InMemoryStub slow = tx();
        slow.getState("k");
        slow.putStringState("other", "x");
        commit(Map.of("k", "v2"));
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, slow.commit());
        assertEquals(ByteString.EMPTY, ledger.state("other"));
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, slow.outcome().orElseThrow());
    }

    @Test
    void readingAMissingKeyThatIsCreatedMeanwhileIsAConflict() {
        InMemoryStub tx = tx();
        assertEquals(ByteString.EMPTY, tx.getState("k"));
        commit(Map.of("k", "v"));
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, tx.commit());
    }

    @Test
    void aKeyAddedToAQueriedRangeIsAPhantom() {
        commit(Map.of("a", "1", "c", "3"));
        InMemoryStub tx = tx();
        keys(tx.getStateByRange("a", "d"));
        tx.putStringState("z", "x");
        commit(Map.of("b", "2"));
        assertEquals(TxValidationCode.PHANTOM_READ_CONFLICT, tx.commit());

        InMemoryStub outside = tx();
        keys(outside.getStateByPartialCompositeKey(CompositeKey.of("t")));
        commit(Map.of("e", "5"));
        assertEquals(TxValidationCode.VALID, outside.commit(), "a key outside the range is no phantom");
    }

    @Test
    void unrelatedCommitsDoNotConflict() {
        commit(Map.of("a", "1"));
        InMemoryStub tx = tx();
        tx.getState("a");
        commit(Map.of("b", "2"));
        assertEquals(TxValidationCode.VALID, tx.commit());
    }

    @Test
    void badKeysAreRefusedWithTheReason() {
        InMemoryStub tx = tx();
        assertEquals("key must not be empty", assertThrows(ChaincodeException.class, () -> tx.getState("")).getMessage());
        assertThrows(ChaincodeException.class, () -> tx.putStringState(null, "v"));
        assertTrue(assertThrows(ChaincodeException.class, () -> tx.putStringState("\u0000bad", "v")).getMessage()
                .contains("not a composite key"));
        assertThrows(ChaincodeException.class, () -> tx.putStringState("\u0000", "v"));
        assertTrue(assertThrows(ChaincodeException.class, () -> tx.putStringState("a\uD800b", "v")).getMessage()
                .contains("not valid UTF-8"));
        assertThrows(ChaincodeException.class, () -> tx.putState("k", null));
        tx.putStringState(CompositeKey.of("t", "a").toString(), "fine");
        assertEquals(1, tx.pendingWrites().size());
    }

    @Test
    void aCommittedStubCannotBeUsedAgain() {
        InMemoryStub tx = tx();
        tx.commit();
        assertThrows(IllegalStateException.class, tx::commit);
        assertThrows(IllegalStateException.class, () -> tx.getState("k"));
        assertThrows(IllegalStateException.class, () -> tx.putStringState("k", "v"));
    }

    @Test
    void closedQueryResultsCannotBeIterated() {
        QueryResults<KeyValue> results = tx().getStateByRange("", "");
        results.close();
        assertThrows(IllegalStateException.class, results::iterator);
    }

    @Test
    void readsAreRecordedWithTheVersionSeen() {
        commit(Map.of("k", "v"));
        InMemoryStub tx = tx();
        tx.getState("k");
        tx.getState("missing");
        Map<String, Long> reads = tx.publicReads();
        assertEquals(ledger.height(), reads.get("k"));
        assertTrue(reads.containsKey("missing") && reads.get("missing") == null);
    }

    private InMemoryStub tx() {
        return ledger.newTransaction(alice, "f");
    }

    private void commit(Map<String, String> writes) {
        InMemoryStub tx = tx();
        writes.forEach(tx::putStringState);
        assertEquals(TxValidationCode.VALID, tx.commit());
    }

    private static List<String> keys(QueryResults<KeyValue> results) {
        try (results) {
            return StreamSupport.stream(results.spliterator(), false).map(KeyValue::key).toList();
        }
    }

    private static List<String> values(QueryResults<KeyValue> results) {
        try (results) {
            return StreamSupport.stream(results.spliterator(), false).map(KeyValue::stringValue).toList();
        }
    }
}
