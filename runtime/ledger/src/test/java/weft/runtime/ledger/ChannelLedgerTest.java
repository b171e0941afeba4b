package weft.runtime.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weft.runtime.ledger.TestBlocks.allValid;
import static weft.runtime.ledger.TestBlocks.config;
import static weft.runtime.ledger.TestBlocks.tx;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.TestBlocks.Ns;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.state.Height;
import weft.runtime.ledger.state.VersionedValue;

class ChannelLedgerTest {

    private static final byte VALID = 0;
    private static final byte MVCC = (byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE;
    private static final byte PHANTOM = (byte) TxValidationCode.PHANTOM_READ_CONFLICT_VALUE;

    @TempDir
    Path dir;

    private final TestBlocks chain = new TestBlocks();
    private ChannelLedger ledger;

    @BeforeEach
    void open() throws Exception {
        ledger = ChannelLedger.open(dir, "mychannel");
        Block genesis = chain.block(config("genesis"));
        ledger.commit(genesis, allValid(genesis));
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
    }

    @Test
    void appliesWritesAtTheirHeightAndAnswersQueries() throws Exception {
        Block block = commit(tx("t1", new Ns("cc").write("a", "1")), tx("t2", new Ns("cc").write("b", "2")));

        assertEquals(new Height(1, 0), value("cc", "a").version());
        assertEquals(new Height(1, 1), value("cc", "b").version());
        ChainInfo info = ledger.chainInfo();
        assertEquals(2, info.height());
        assertEquals(BlockHashes.headerHash(block.getHeader()), info.currentBlockHash());
        assertEquals(block, ledger.blockByNumber(1).orElseThrow());
        assertEquals(block, ledger.blockByHash(info.currentBlockHash()).orElseThrow());
        assertEquals(block, ledger.blockByTxId("t2").orElseThrow());
        assertEquals(TxValidationCode.VALID_VALUE, ledger.transactionById("t2").orElseThrow().getValidationCode());
        assertEquals(block.getData().getData(1), ledger.transactionById("t2").orElseThrow()
                .getTransactionEnvelope().toByteString());
        assertEquals(Optional.empty(), ledger.blockByNumber(2));
        assertFalse(ledger.txIdExists("t3"));
    }

    @Test
    void writesTheFinalFilterAndACommitHashIntoTheBlock() throws Exception {
        Block stored = commit(tx("t1", new Ns("cc").write("a", "1")), tx("t2", new Ns("cc").read("a", new Height(9, 9))));

        assertArrayEquals(new byte[] {VALID, MVCC}, stored.getMetadata().getMetadata(2).toByteArray());
        assertFalse(stored.getMetadata().getMetadata(4).isEmpty(), "commit hash");
        assertEquals(stored, ledger.blockByNumber(1).orElseThrow());
    }

    @Test
    void readOfAStaleVersionIsAnMvccConflictAndItsWritesAreDropped() throws Exception {
        commit(tx("t1", new Ns("cc").write("a", "1")));
        Block stored = commit(tx("t2", new Ns("cc").read("a", new Height(0, 0)).write("a", "2")),
                tx("t3", new Ns("cc").read("a", new Height(1, 0)).write("a", "3")));

        assertArrayEquals(new byte[] {MVCC, VALID}, filter(stored));
        assertEquals("3", value("cc", "a").value().toStringUtf8());
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT_VALUE, ledger.transactionById("t2").orElseThrow().getValidationCode());
        assertTrue(ledger.txIdExists("t2"), "invalid transactions are indexed too (duplicate detection)");
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT_VALUE, ledger.transactionAt(2, 0).orElseThrow().getValidationCode());
        assertEquals(Optional.empty(), ledger.transactionAt(2, 5));
    }

    @Test
    void anEarlierValidTransactionOfTheBlockInvalidatesALaterRead() throws Exception {
        commit(tx("t1", new Ns("cc").write("a", "1")));
        Block stored = commit(tx("t2", new Ns("cc").write("a", "2")), tx("t3", new Ns("cc").read("a", new Height(1, 0))),
                tx("t4", new Ns("cc").read("missing", null)));

        assertArrayEquals(new byte[] {VALID, MVCC, VALID}, filter(stored));
    }

    @Test
    void aRangeThatGainedOrLostAKeyIsAPhantomRead() throws Exception {
        commit(tx("t1", new Ns("cc").write("k1", "1").write("k3", "3")));
        Height h = new Height(1, 0);
        Block stored = commit(
                tx("t2", new Ns("cc").range("k1", "k9", true, "k1", h, "k3", h)),
                tx("t3", new Ns("cc").write("k2", "2")),
                tx("t4", new Ns("cc").range("k1", "k9", true, "k1", h, "k3", h)),
                tx("t5", new Ns("cc").range("k1", "k1", false, "k1", h)), // stopped after k1: k2 is outside
                tx("t6", new Ns("cc").range("k1", "", true, "k1", h, "k3", h)));

        assertArrayEquals(new byte[] {VALID, VALID, PHANTOM, VALID, PHANTOM}, filter(stored));
    }

    @Test
    void metadataWritesBumpTheVersionKeepTheValueAndSurviveValueWrites() throws Exception {
        commit(tx("t1", new Ns("cc").write("a", "1")));
        commit(tx("t2", new Ns("cc").metadata("a", "VALIDATION_PARAMETER", "policy").metadata("nope", "X", "y")));

        VersionedValue a = value("cc", "a");
        assertEquals("1", a.value().toStringUtf8());
        assertEquals(new Height(2, 0), a.version());
        assertEquals(Map.of("VALIDATION_PARAMETER", ByteString.copyFromUtf8("policy")), a.metadata());
        assertEquals(Optional.empty(), ledger.state().get("cc", "nope"), "metadata of a missing key is not stored");

        commit(tx("t3", new Ns("cc").write("a", "2")));
        assertEquals(Map.of("VALIDATION_PARAMETER", ByteString.copyFromUtf8("policy")), value("cc", "a").metadata());
    }

    @Test
    void historyListsEveryWriteOfAKeyOldestFirst() throws Exception {
        commit(tx("t1", new Ns("cc").write("a", "1")));
        commit(tx("t2", new Ns("cc").write("a", "2").write("a\u0000b", "other key")));
        commit(tx("t3", new Ns("cc").delete("a")));

        List<KeyModification> history = ledger.history("cc", "a");
        assertEquals(List.of("t1", "t2", "t3"), history.stream().map(KeyModification::getTxId).toList());
        assertEquals("2", history.get(1).getValue().toStringUtf8());
        assertTrue(history.get(2).getIsDelete());
        assertEquals(Optional.empty(), ledger.state().get("cc", "a"));
    }

    @Test
    void refusesBlocksThatDoNotFollowTheChain() throws Exception {
        Block one = chain.block(tx("t1", new Ns("cc").write("a", "1")));
        Block skipped = chain.block(tx("t2", new Ns("cc").write("a", "2")));

        LedgerException gap = assertThrows(LedgerException.class, () -> ledger.commit(skipped, allValid(skipped)));
        assertEquals("block 2 cannot be appended to channel mychannel: the ledger's height is 1, so the next block "
                + "must be number 1", gap.getMessage());
        Block forged = one.toBuilder().setHeader(one.getHeader().toBuilder()
                .setPreviousHash(ByteString.copyFromUtf8("not the parent"))).build();
        assertEquals("block 1 does not follow block 0 of channel mychannel: its previous hash does not equal that "
                + "block's header hash", assertThrows(LedgerException.class,
                () -> ledger.commit(forged, allValid(forged))).getMessage());
        Block tampered = one.toBuilder().setData(one.getData().toBuilder().addData(tx("t9"))).build();
        assertEquals("block 1 of channel mychannel: its data hash does not match its transactions",
                assertThrows(LedgerException.class, () -> ledger.commit(tampered, new byte[2])).getMessage());
        assertEquals(1, ledger.chainInfo().height(), "nothing was appended");
        ledger.commit(one, allValid(one));
        assertEquals(2, ledger.chainInfo().height());
    }

    @Test
    void rebuildsStateAndIndexesFromTheBlockFiles() throws Exception {
        commit(tx("t1", new Ns("cc").write("a", "1").write("b", "1")));
        commit(tx("t2", new Ns("cc").read("a", new Height(1, 0)).write("a", "2").delete("b")));
        Map<String, VersionedValue> before = Map.of("a", value("cc", "a"));
        ledger.close();
        deleteRecursively(dir.resolve("stores"));

        ledger = ChannelLedger.open(dir, "mychannel");

        assertEquals(before.get("a"), value("cc", "a"));
        assertEquals(Optional.empty(), ledger.state().get("cc", "b"));
        assertEquals(3, ledger.chainInfo().height());
        assertEquals(2, ledger.blockByTxId("t2").orElseThrow().getHeader().getNumber());
        assertEquals(2, ledger.history("cc", "a").size());
    }

    @Test
    void cutsOffATornAppendAndKeepsGoing() throws Exception {
        commit(tx("t1", new Ns("cc").write("a", "1")));
        ledger.close();
        Path file = dir.resolve("chains/mychannel/blockfile_000000");
        long size = Files.size(file);
        Files.write(file, new byte[] {(byte) 0x90, 0x03, 1, 2, 3}, StandardOpenOption.APPEND); // a record cut short

        ledger = ChannelLedger.open(dir, "mychannel");

        assertEquals(size, Files.size(file));
        assertEquals(2, ledger.chainInfo().height());
        commit(tx("t2", new Ns("cc").write("a", "2")));
        assertEquals("2", value("cc", "a").value().toStringUtf8());
    }

    @Test
    void reportsCorruptionInsideTheBlockFilesWithItsOffset() throws Exception {
        commit(tx("t1", new Ns("cc").write("a", "1")));
        commit(tx("t2", new Ns("cc").write("a", "2")));
        ledger.close();
        Path file = dir.resolve("chains/mychannel/blockfile_000000");
        byte[] bytes = Files.readAllBytes(file);
        long secondRecord = ledgerRecordOffset(bytes, 1);
        bytes[(int) secondRecord + 3] ^= (byte) 0xff; // inside block 1's header: its bytes no longer decode
        Files.write(file, bytes);

        LedgerException e = assertThrows(LedgerException.class, () -> ChannelLedger.open(dir, "mychannel"));
        assertTrue(e.getMessage().contains("at offset " + secondRecord), e.getMessage());
        ledger = ChannelLedger.open(dir.resolve("other"), "mychannel"); // for @AfterEach
    }

    @Test
    void rollsToANewBlockFileAtTheSizeLimit() throws Exception {
        ledger.close();
        ledger = ChannelLedger.open(dir.resolve("small"), "mychannel", 600);
        TestBlocks small = new TestBlocks();
        for (int i = 0; i < 6; i++) {
            Block block = small.block(tx("t" + i, new Ns("cc").write("k" + i, "x".repeat(200))));
            ledger.commit(block, allValid(block));
        }
        assertTrue(Files.exists(dir.resolve("small/chains/mychannel/blockfile_000002")));
        assertEquals("k5", ledger.history("cc", "k5").isEmpty() ? "" : "k5");
        ledger.close();
        ledger = ChannelLedger.open(dir.resolve("small"), "mychannel", 600);
        assertEquals(6, ledger.chainInfo().height());
        assertEquals(4, ledger.blockByTxId("t4").orElseThrow().getHeader().getNumber());
    }

    @Test
    void aSnapshotKeepsShowingTheBlockItWasTakenAtWhileLaterBlocksCommit() throws Exception {
        commit(tx("t1", new Ns("cc").write("a", "1")));
        try (LedgerSnapshot snapshot = ledger.snapshot()) {
            commit(tx("t2", new Ns("cc").write("a", "2").write("b", "3")));

            assertEquals(2, snapshot.height());
            assertEquals("1", snapshot.state().get("cc", "a").orElseThrow().value().toStringUtf8());
            assertTrue(snapshot.state().get("cc", "b").isEmpty());
            assertTrue(snapshot.txIdExists("t1"));
            assertFalse(snapshot.txIdExists("t2"));
            assertEquals(1, snapshot.history("cc", "a").size());
        }
        assertEquals("2", value("cc", "a").value().toStringUtf8());
        assertEquals(2, ledger.history("cc", "a").size());
    }

    private Block commit(ByteString... envelopes) throws LedgerException {
        Block block = chain.block(envelopes);
        return ledger.commit(block, allValid(block));
    }

    private VersionedValue value(String ns, String key) throws Exception {
        return ledger.state().get(ns, key).orElseThrow(() -> new AssertionError("no " + ns + "/" + key));
    }

    private static byte[] filter(Block block) {
        return block.getMetadata().getMetadata(2).toByteArray();
    }

    /** The offset of the n-th record of a block file. */
    private static long ledgerRecordOffset(byte[] file, int n) throws Exception {
        com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(file);
        for (int i = 0; i < n; i++) {
            int length = in.readUInt32();
            in.skipRawBytes(length);
        }
        return in.getTotalBytesRead();
    }

    private static void deleteRecursively(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
