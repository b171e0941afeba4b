package weft.runtime.endorser.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.state.HashedState;
import weft.runtime.ledger.state.VersionedValue;

/** The read-write sets the simulator records, checked field by field and by committing them through MVCC. */
class TxSimulatorTest {

    private static final int VALID = TxValidationCode.VALID_VALUE;
    private static final int MVCC = TxValidationCode.MVCC_READ_CONFLICT_VALUE;
    private static final int PHANTOM = TxValidationCode.PHANTOM_READ_CONFLICT_VALUE;

    @TempDir
    Path dir;

    private LedgerFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = new LedgerFixture(dir);
        fixture.commitWrites("cc", Map.of("a", "1", "b", "2")); // block 1
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void readsRecordTheCommittedVersionAndAMissingKeyWithoutOne() throws Exception {
        TxReadWriteSet rwset;
        try (TxSimulator sim = fixture.simulator()) {
            assertEquals("1", sim.getState("cc", "a").orElseThrow().value().toStringUtf8());
            assertTrue(sim.getState("cc", "missing").isEmpty());
            rwset = sim.done().publicRwSet();
        }
        KVRWSet kv = KVRWSet.parseFrom(rwset.getNsRwset(0).getRwset());
        assertEquals("a", kv.getReads(0).getKey());
        assertTrue(kv.getReads(0).hasVersion());
        assertEquals(1, kv.getReads(0).getVersion().getBlockNum());
        assertEquals(0, kv.getReads(0).getVersion().getTxNum());
        assertEquals("missing", kv.getReads(1).getKey());
        assertFalse(kv.getReads(1).hasVersion());
        assertEquals(VALID, fixture.commit(rwset));
    }

    @Test
    void readsDoNotSeeTheTransactionsOwnWritesAndTheLastWriteWins() throws Exception {
        try (TxSimulator sim = fixture.simulator()) {
            sim.putState("cc", "a", bytes("new"));
            assertEquals("1", sim.getState("cc", "a").orElseThrow().value().toStringUtf8());
            sim.putState("cc", "c", bytes("x"));
            sim.putState("cc", "c", bytes("y"));
            sim.deleteState("cc", "b");
            KVRWSet kv = KVRWSet.parseFrom(sim.done().publicRwSet().getNsRwset(0).getRwset());
            assertEquals(List.of("a", "b", "c"), kv.getWritesList().stream().map(w -> w.getKey()).toList());
            assertEquals("y", kv.getWrites(2).getValue().toStringUtf8());
            assertTrue(kv.getWrites(1).getIsDelete());
        }
    }

    @Test
    void namespacesAndKeysAreSortedByTheirBytesAsFabricSortsThem() throws Exception {
        String composite = "\u0000owner\u0000alice\u0000";
        String supplementary = new String(Character.toChars(0x1F600)); // sorts after U+FFFD in UTF-8, before it in UTF-16
        try (TxSimulator sim = fixture.simulator()) {
            for (String key : List.of("\uFFFD", supplementary, "b", composite, "B", "a")) {
                sim.putState("zz", key, bytes("v"));
            }
            sim.putState("Zz", "k", bytes("v"));
            sim.putState("cc", "k", bytes("v"));
            TxReadWriteSet rwset = sim.done().publicRwSet();
            assertEquals(List.of("Zz", "cc", "zz"), rwset.getNsRwsetList().stream().map(ns -> ns.getNamespace()).toList());
            KVRWSet kv = KVRWSet.parseFrom(rwset.getNsRwset(2).getRwset());
            assertEquals(List.of(composite, "B", "a", "b", "\uFFFD", supplementary),
                    kv.getWritesList().stream().map(w -> w.getKey()).toList());
        }
    }

    @Test
    void aShortRangeIsReadWholeAndRecordedAsExhaustedWithRawReads() throws Exception {
        fixture.commitWrites("cc", Map.of("c", "3", "\u0000t\u0000x\u0000", "composite")); // block 2
        TxReadWriteSet rwset;
        try (TxSimulator sim = fixture.simulator()) {
            RangeScan scan = sim.getStateRange("cc", "\u0001", "");
            assertEquals("a", scan.next().key()); // the chaincode looks at one key only
            scan.close();
            rwset = sim.done().publicRwSet();
        }
        RangeQueryInfo info = KVRWSet.parseFrom(rwset.getNsRwset(0).getRwset()).getRangeQueriesInfo(0);
        assertEquals("\u0001", info.getStartKey());
        assertEquals("", info.getEndKey());
        assertTrue(info.getItrExhausted());
        assertEquals(List.of("a", "b", "c"), info.getRawReads().getKvReadsList().stream().map(KVRead::getKey).toList());
        assertEquals(2, info.getRawReads().getKvReads(2).getVersion().getBlockNum());
        assertEquals(VALID, fixture.commit(rwset));
    }

    @Test
    void aKeyAddedToAScannedRangeIsAPhantom() throws Exception {
        TxReadWriteSet rwset;
        try (TxSimulator sim = fixture.simulator()) {
            sim.getStateRange("cc", "a", "z").forEachRemaining(e -> { });
            rwset = sim.done().publicRwSet();
        }
        fixture.commitWrites("cc", Map.of("m", "new"));
        assertEquals(PHANTOM, fixture.commit(rwset));
    }

    @Test
    void aLongRangeStoppedEarlyRecordsWhatWasPulledAsAMerkleSummaryThatMvccAccepts() throws Exception {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            many.put(String.format("k%03d", i), "v" + i);
        }
        fixture.commitWrites("cc", many);
        TxReadWriteSet rwset;
        try (TxSimulator sim = fixture.simulator()) {
            RangeScan scan = sim.getStateRange("cc", "k", "l");
            for (int i = 0; i < 10; i++) {
                scan.next();
            }
            scan.close(); // stopped inside the first batch of 100 (+1 read ahead)
            rwset = sim.done().publicRwSet();
        }
        RangeQueryInfo info = KVRWSet.parseFrom(rwset.getNsRwset(0).getRwset()).getRangeQueriesInfo(0);
        assertFalse(info.getItrExhausted());
        assertEquals("k100", info.getEndKey());
        assertTrue(info.hasReadsMerkleHashes());
        assertEquals(50, info.getReadsMerkleHashes().getMaxDegree());
        assertEquals(VALID, fixture.commit(rwset));

        // Keys past the recorded end do not matter; a change inside it does.
        TxReadWriteSet again;
        try (TxSimulator sim = fixture.simulator()) {
            RangeScan scan = sim.getStateRange("cc", "k", "l");
            scan.next();
            scan.close();
            again = sim.done().publicRwSet();
        }
        fixture.commitWrites("cc", Map.of("k200", "changed"));
        assertEquals(VALID, fixture.commit(again));
        TxReadWriteSet third;
        try (TxSimulator sim = fixture.simulator()) {
            sim.getStateRange("cc", "k", "l").next();
            third = sim.done().publicRwSet();
        }
        fixture.commitWrites("cc", Map.of("k050", "changed"));
        assertEquals(PHANTOM, fixture.commit(third));
    }

    @Test
    void aRangeReadToTheEndIsExhaustedAcrossSeveralBatches() throws Exception {
        Map<String, String> many = new TreeMap<>();
        for (int i = 0; i < 230; i++) {
            many.put(String.format("k%03d", i), "v");
        }
        fixture.commitWrites("cc", many);
        TxReadWriteSet rwset;
        try (TxSimulator sim = fixture.simulator()) {
            RangeScan scan = sim.getStateRange("cc", "k", "l");
            int count = 0;
            while (scan.hasNext()) {
                scan.next();
                count++;
            }
            assertEquals(230, count);
            rwset = sim.done().publicRwSet();
        }
        RangeQueryInfo info = KVRWSet.parseFrom(rwset.getNsRwset(0).getRwset()).getRangeQueriesInfo(0);
        assertTrue(info.getItrExhausted());
        assertEquals("l", info.getEndKey());
        assertEquals(VALID, fixture.commit(rwset));
    }

    @Test
    void aValidationParameterIsAMetadataWriteTheLedgerStoresOnTheKey() throws Exception {
        ByteString policy = bytes("policy-bytes");
        TxReadWriteSet rwset;
        try (TxSimulator sim = fixture.simulator()) {
            sim.setStateMetadata("cc", "a", Map.of(TxSimulator.VALIDATION_PARAMETER, policy));
            rwset = sim.done().publicRwSet();
        }
        KVRWSet kv = KVRWSet.parseFrom(rwset.getNsRwset(0).getRwset());
        assertEquals("a", kv.getMetadataWrites(0).getKey());
        assertEquals(TxSimulator.VALIDATION_PARAMETER, kv.getMetadataWrites(0).getEntries(0).getName());
        assertEquals(VALID, fixture.commit(rwset));
        VersionedValue stored = fixture.ledger.state().get("cc", "a").orElseThrow();
        assertEquals(policy, stored.metadata().get(TxSimulator.VALIDATION_PARAMETER));
        assertEquals("1", stored.value().toStringUtf8());
        try (TxSimulator sim = fixture.simulator()) {
            assertEquals(policy, sim.getStateMetadata("cc", "a").get(TxSimulator.VALIDATION_PARAMETER));
        }
    }

    @Test
    void privateWritesPutSha256HashesInThePublicSetAndClearValuesInThePrivateSet() throws Exception {
        SimulationResults results;
        try (TxSimulator sim = fixture.simulator()) {
            assertTrue(sim.getPrivateDataHash("cc", "secrets", "gone").isEmpty());
            sim.putPrivateData("cc", "secrets", "k1", bytes("v1"));
            sim.deletePrivateData("cc", "secrets", "k0");
            results = sim.done();
        }
        CollectionHashedReadWriteSet collection = results.publicRwSet().getNsRwset(0).getCollectionHashedRwset(0);
        assertEquals("secrets", collection.getCollectionName());
        HashedRWSet hashed = HashedRWSet.parseFrom(collection.getHashedRwset());
        assertEquals(sha256("gone"), hashed.getHashedReads(0).getKeyHash());
        assertFalse(hashed.getHashedReads(0).hasVersion());
        assertEquals(sha256("k0"), hashed.getHashedWrites(0).getKeyHash());
        assertTrue(hashed.getHashedWrites(0).getIsDelete());
        assertEquals(sha256("k1"), hashed.getHashedWrites(1).getKeyHash());
        assertEquals(sha256("v1"), hashed.getHashedWrites(1).getValueHash());

        TxPvtReadWriteSet pvt = results.privateRwSet().orElseThrow();
        assertEquals("cc", pvt.getNsPvtRwset(0).getNamespace());
        ByteString pvtRwSet = pvt.getNsPvtRwset(0).getCollectionPvtRwset(0).getRwset();
        KVRWSet clear = KVRWSet.parseFrom(pvtRwSet);
        assertEquals(List.of("k0", "k1"), clear.getWritesList().stream().map(w -> w.getKey()).toList());
        assertEquals("v1", clear.getWrites(1).getValue().toStringUtf8());
        assertEquals(sha256(pvtRwSet), collection.getPvtRwsetHash());

        assertEquals(VALID, fixture.commit(results.publicRwSet()));
        String hashedKey = HashedState.key(sha256("k1"));
        assertEquals(sha256("v1"), fixture.ledger.state().get(HashedState.namespace("cc", "secrets"), hashedKey)
                .orElseThrow().value());
        try (TxSimulator sim = fixture.simulator()) {
            assertEquals(sha256("v1"), sim.getPrivateDataHash("cc", "secrets", "k1").orElseThrow());
            SimulationException missing = assertThrows(SimulationException.class,
                    () -> sim.getPrivateData("cc", "secrets", "k1"));
            assertTrue(missing.getMessage().contains("this peer is missing that private data"), missing.getMessage());
        }
    }

    @Test
    void aMemberReadsCommittedPrivateDataFromItsSnapshotRecordingTheHashedReadWithTheHashesVersion()
            throws Exception {
        try (TxSimulator sim = fixture.simulator()) {
            sim.putPrivateData("cc", "secrets", "k1", bytes("v1"));
            assertEquals(VALID, fixture.commit(sim.done()));
        }
        long writtenIn = fixture.height() - 1;
        try (TxSimulator sim = fixture.simulator()) {
            try (TxSimulator writer = fixture.simulator()) {
                writer.putPrivateData("cc", "secrets", "k1", bytes("v2"));
                assertEquals(VALID, fixture.commit(writer.done()));
            }
            assertEquals("v1", sim.getPrivateData("cc", "secrets", "k1").orElseThrow().toStringUtf8(),
                    "the snapshot's value, not the one committed since");
            assertEquals(Optional.empty(), sim.getPrivateData("cc", "secrets", "never-written"));
            HashedRWSet hashed = HashedRWSet.parseFrom(sim.done().publicRwSet().getNsRwset(0)
                    .getCollectionHashedRwset(0).getHashedRwset());
            assertEquals(sha256("k1"), hashed.getHashedReads(0).getKeyHash());
            assertEquals(writtenIn, hashed.getHashedReads(0).getVersion().getBlockNum());
            assertEquals(0, hashed.getHashedReads(0).getVersion().getTxNum());
        }
        try (TxSimulator sim = fixture.simulator()) {
            assertEquals("v2", sim.getPrivateData("cc", "secrets", "k1").orElseThrow().toStringUtf8());
        }
    }

    @Test
    void aPeerRefusesToReadPrivateDataOfACollectionItIsNotAMemberOf() throws Exception {
        try (TxSimulator sim = fixture.simulator()) {
            SimulationException refused = assertThrows(SimulationException.class,
                    () -> sim.getPrivateData("cc", "others", "k1"));
            assertTrue(refused.getMessage().contains("this peer is not a member of collection others of chaincode cc"),
                    refused.getMessage());
            assertEquals(Optional.empty(), sim.getPrivateDataHash("cc", "others", "k1"), "hashes are public");
        }
    }

    @Test
    void aPrivateReadOfAKeyChangedSinceIsAnMvccConflict() throws Exception {
        try (TxSimulator sim = fixture.simulator()) {
            sim.putPrivateData("cc", "secrets", "k1", bytes("v1"));
            assertEquals(VALID, fixture.commit(sim.done().publicRwSet()));
        }
        TxReadWriteSet reader;
        try (TxSimulator sim = fixture.simulator()) {
            sim.getPrivateDataHash("cc", "secrets", "k1");
            sim.putState("cc", "x", bytes("y"));
            reader = sim.done().publicRwSet();
        }
        try (TxSimulator sim = fixture.simulator()) {
            sim.putPrivateData("cc", "secrets", "k1", bytes("v2"));
            assertEquals(VALID, fixture.commit(sim.done().publicRwSet()));
        }
        assertEquals(MVCC, fixture.commit(reader));
    }

    @Test
    void paginationIsRefusedAfterAWriteAndAWriteAfterPagination() throws Exception {
        try (TxSimulator sim = fixture.simulator()) {
            sim.putState("cc", "x", bytes("1"));
            SimulationException e = assertThrows(SimulationException.class,
                    () -> sim.getStateRangePage("cc", "a", "", 1));
            assertTrue(e.getMessage().contains("not allowed in a transaction that writes"));
        }
        try (TxSimulator sim = fixture.simulator()) {
            TxSimulator.RangePage page = sim.getStateRangePage("cc", "a", "", 1);
            assertEquals("a", page.entries().get(0).key());
            assertEquals("b", page.nextStartKey());
            assertThrows(SimulationException.class, () -> sim.putState("cc", "x", bytes("1")));
        }
    }

    @Test
    void theSimulationKeepsSeeingItsSnapshotWhileBlocksCommit() throws Exception {
        try (TxSimulator sim = fixture.simulator()) {
            fixture.commitWrites("cc", Map.of("a", "changed", "n", "new"));
            assertEquals("1", sim.getState("cc", "a").orElseThrow().value().toStringUtf8());
            assertTrue(sim.getState("cc", "n").isEmpty());
            TxReadWriteSet rwset = sim.done().publicRwSet();
            assertEquals(MVCC, fixture.commit(rwset));
        }
    }

    @Test
    void historyIsNewestFirstAndNotRecorded() throws Exception {
        fixture.commitWrites("cc", Map.of("a", "2"));
        fixture.commitWrites("cc", Map.of("a", ""));
        try (TxSimulator sim = fixture.simulator()) {
            var history = sim.getHistory("cc", "a");
            assertEquals(3, history.size());
            assertTrue(history.get(0).getIsDelete());
            assertEquals("2", history.get(1).getValue().toStringUtf8());
            assertEquals("1", history.get(2).getValue().toStringUtf8());
            assertEquals(0, sim.done().publicRwSet().getNsRwsetCount());
        }
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }

    private static ByteString sha256(String text) throws Exception {
        return sha256(bytes(text));
    }

    private static ByteString sha256(ByteString bytes) throws Exception {
        return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }
}
