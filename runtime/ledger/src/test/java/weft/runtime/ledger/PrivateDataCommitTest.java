package weft.runtime.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weft.runtime.ledger.TestBlocks.allValid;
import static weft.runtime.ledger.TestBlocks.config;
import static weft.runtime.ledger.TestBlocks.privateWrites;
import static weft.runtime.ledger.TestBlocks.tx;

import com.google.protobuf.ByteString;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.TestBlocks.Ns;
import weft.runtime.ledger.pvtdata.CollectionMembership;
import weft.runtime.ledger.pvtdata.MissingPrivateData;
import weft.runtime.ledger.pvtdata.PrivateDataConfig;
import weft.runtime.ledger.state.HashedState;
import weft.runtime.ledger.state.Height;
import weft.runtime.ledger.state.PrivateState;
import weft.runtime.ledger.state.VersionedValue;

/**
 * Private data through the ledger: clear writes from the transient store applied at commit where this peer is a
 * member, hashes only elsewhere, mismatches recorded as missing, transient entries purged, and crash recovery.
 */
class PrivateDataCommitTest {

    private static final String SECRETS = "secrets";
    /** This peer is a member of "secrets" only. */
    private static final CollectionMembership MEMBER_OF_SECRETS = (ns, collection, state) -> collection.equals(SECRETS);

    @TempDir
    Path dir;

    private final TestBlocks chain = new TestBlocks();

    private ChannelLedger open(Path root, CollectionMembership membership, long retention) throws Exception {
        return ChannelLedger.open(root, "pvt", new PrivateDataConfig(membership, retention));
    }

    private void genesis(ChannelLedger ledger) throws Exception {
        Block genesis = chain.block(config("genesis"));
        ledger.commit(genesis, allValid(genesis));
    }

    private static Block commit(ChannelLedger ledger, Block block) throws Exception {
        return ledger.commit(block, allValid(block));
    }

    @Test
    void aMemberAppliesTheClearWritesOfAValidTransactionAtItsHeightAndPurgesTheTransientEntry() throws Exception {
        try (ChannelLedger ledger = open(dir, MEMBER_OF_SECRETS, 1000)) {
            genesis(ledger);
            Ns writes = new Ns("cc").write("public", "p").privateWrite(SECRETS, "k1", "v1").privateWrite(SECRETS, "k2", "v2");
            ledger.transientStore().persist("t1", 1, privateWrites(writes));
            Ns later = new Ns("cc").privateWrite(SECRETS, "k1", "v1b").privateDelete(SECRETS, "k2");
            ledger.transientStore().persist("t2", 1, privateWrites(later));

            commit(ledger, chain.block(tx("t1", writes), tx("t2", later)));

            assertEquals(new VersionedValue(ByteString.copyFromUtf8("v1b"), new Height(1, 1), java.util.Map.of()),
                    ledger.state().get(PrivateState.namespace("cc", SECRETS), "k1").orElseThrow());
            assertEquals(Optional.empty(), ledger.state().get(PrivateState.namespace("cc", SECRETS), "k2"));
            assertEquals(new Height(1, 1), hashed(ledger, "cc", SECRETS, "k1").version(), "the hash has the same version");
            assertEquals(List.of(), ledger.missingPrivateData(0, 10));
            assertEquals(List.of(), ledger.transientStore().entries("t1"), "consumed entries are purged");
            assertEquals(List.of(), ledger.transientStore().entries("t2"));
        }
    }

    @Test
    void aNonMemberCommitsOnlyTheHashesAndRecordsNothingMissing() throws Exception {
        try (ChannelLedger ledger = open(dir, CollectionMembership.NONE, 1000)) {
            genesis(ledger);
            Ns writes = new Ns("cc").privateWrite(SECRETS, "k1", "v1");
            ledger.transientStore().persist("t1", 1, privateWrites(writes));

            commit(ledger, chain.block(tx("t1", writes)));

            assertEquals(TestBlocks.sha256(ByteString.copyFromUtf8("v1")), hashed(ledger, "cc", SECRETS, "k1").value());
            assertEquals(Optional.empty(), ledger.state().get(PrivateState.namespace("cc", SECRETS), "k1"));
            assertEquals(List.of(), ledger.missingPrivateData(0, 10));
            assertEquals(List.of(), ledger.transientStore().entries("t1"), "purged even though not used");
        }
    }

    @Test
    void tamperedClearDataIsNotAppliedAndIsRecordedMissingWithoutChangingTheVerdict() throws Exception {
        try (ChannelLedger ledger = open(dir, MEMBER_OF_SECRETS, 1000)) {
            genesis(ledger);
            Ns endorsed = new Ns("cc").privateWrite(SECRETS, "k1", "v1");
            ledger.transientStore().persist("t1", 1, privateWrites(new Ns("cc").privateWrite(SECRETS, "k1", "forged")));
            Ns notEndorsedHere = new Ns("cc").privateWrite(SECRETS, "k2", "v2");

            Block stored = commit(ledger, chain.block(tx("t1", endorsed), tx("t2", notEndorsedHere)));

            assertEquals(TxValidationCode.VALID_VALUE, stored.getMetadata().getMetadata(2).byteAt(0));
            assertEquals(TxValidationCode.VALID_VALUE, stored.getMetadata().getMetadata(2).byteAt(1));
            assertEquals(Optional.empty(), ledger.state().get(PrivateState.namespace("cc", SECRETS), "k1"));
            assertEquals(new Height(1, 0), hashed(ledger, "cc", SECRETS, "k1").version(), "the hashes are committed");
            List<MissingPrivateData> missing = ledger.missingPrivateData(1, 2);
            assertEquals(2, missing.size());
            assertEquals(List.of(0L, 1L), missing.stream().map(MissingPrivateData::txNum).toList());
            assertTrue(missing.get(0).reason().contains("does not hash to the transaction's pvt_rwset_hash"),
                    missing.get(0).reason());
            assertTrue(missing.get(1).reason().contains("no private write set"), missing.get(1).reason());
        }
    }

    @Test
    void clearWritesThatDoNotMatchTheHashedWritesAreRefused() throws Exception {
        // The endorser hashed k1=v1 into the transaction but (maliciously) computed pvt_rwset_hash over a set that
        // also writes k2: the set matches its hash, yet not the hashed writes.
        try (ChannelLedger ledger = open(dir, MEMBER_OF_SECRETS, 1000)) {
            genesis(ledger);
            Ns clear = new Ns("cc").privateWrite(SECRETS, "k1", "v1").privateWrite(SECRETS, "k2", "v2");
            Ns hashedOnlyK1 = new Ns("cc").privateWrite(SECRETS, "k1", "v1");
            ByteString forged = TestBlocks.txWithHashedWritesOf("t1", clear, hashedOnlyK1);
            ledger.transientStore().persist("t1", 1, privateWrites(clear));

            commit(ledger, chain.block(forged));

            assertEquals(Optional.empty(), ledger.state().get(PrivateState.namespace("cc", SECRETS), "k1"));
            assertEquals(Optional.empty(), ledger.state().get(PrivateState.namespace("cc", SECRETS), "k2"));
            assertTrue(ledger.missingPrivateData(1, 2).get(0).reason().contains("do not hash to the transaction's hashed writes"));
        }
    }

    @Test
    void anInvalidTransactionAppliesNoPrivateDataAndRecordsNothing() throws Exception {
        try (ChannelLedger ledger = open(dir, MEMBER_OF_SECRETS, 1000)) {
            genesis(ledger);
            Ns writes = new Ns("cc").read("absent", new Height(7, 7)).privateWrite(SECRETS, "k1", "v1");
            ledger.transientStore().persist("t1", 1, privateWrites(writes));

            Block stored = commit(ledger, chain.block(tx("t1", writes)));

            assertEquals(TxValidationCode.MVCC_READ_CONFLICT_VALUE, stored.getMetadata().getMetadata(2).byteAt(0));
            assertEquals(Optional.empty(), ledger.state().get(PrivateState.namespace("cc", SECRETS), "k1"));
            assertEquals(List.of(), ledger.missingPrivateData(0, 10));
            assertEquals(List.of(), ledger.transientStore().entries("t1"));
        }
    }

    @Test
    void transientEntriesWhoseTransactionNeverCommitsArePurgedAfterTheRetention() throws Exception {
        try (ChannelLedger ledger = open(dir, MEMBER_OF_SECRETS, 2)) {
            genesis(ledger);
            ledger.transientStore().persist("orphan", 1, privateWrites(new Ns("cc").privateWrite(SECRETS, "k", "v")));

            commit(ledger, chain.block(tx("a", new Ns("cc").write("x", "1")))); // block 1
            assertEquals(1, ledger.transientStore().entries("orphan").size(), "kept while younger than the retention");
            commit(ledger, chain.block(tx("b", new Ns("cc").write("x", "2")))); // block 2
            assertEquals(1, ledger.transientStore().entries("orphan").size());
            commit(ledger, chain.block(tx("c", new Ns("cc").write("x", "3")))); // block 3: endorsed 2 blocks ago
            assertEquals(List.of(), ledger.transientStore().entries("orphan"));
        }
    }

    @Test
    void aCrashBetweenTheBlockAppendAndTheBatchIsRecoveredWithThePrivateDataStillInTheTransientStore()
            throws Exception {
        Path root = dir.resolve("peer");
        Ns writes = new Ns("cc").write("public", "p").privateWrite(SECRETS, "k1", "v1");
        Block block;
        try (ChannelLedger ledger = open(root, MEMBER_OF_SECRETS, 1000)) {
            genesis(ledger);
            ledger.transientStore().persist("t1", 1, privateWrites(writes));
            block = chain.block(tx("t1", writes));
        }
        // The LevelDB as it was when the process died: before block 1's batch, with the transient entry.
        copyTree(root.resolve("stores"), dir.resolve("stores-before-batch"));
        TreeMap<String, VersionedValue> committedState;
        try (ChannelLedger ledger = open(root, MEMBER_OF_SECRETS, 1000)) {
            commit(ledger, block);
            committedState = dump(ledger);
        }
        deleteTree(root.resolve("stores"));
        copyTree(dir.resolve("stores-before-batch"), root.resolve("stores"));

        try (ChannelLedger recovered = open(root, MEMBER_OF_SECRETS, 1000)) {
            assertEquals(2, recovered.chainInfo().height());
            assertEquals(committedState, dump(recovered), "recovery replays block 1 with its private data");
            assertEquals("v1", recovered.state().get(PrivateState.namespace("cc", SECRETS), "k1").orElseThrow()
                    .value().toStringUtf8());
            assertEquals(List.of(), recovered.missingPrivateData(0, 10));
            assertEquals(List.of(), recovered.transientStore().entries("t1"));
        }

        // A LevelDB rebuilt from the block files alone has no transient entries: the private data is recorded
        // missing, and everything else equals the original.
        deleteTree(root.resolve("stores"));
        try (ChannelLedger rebuilt = open(root, MEMBER_OF_SECRETS, 1000)) {
            TreeMap<String, VersionedValue> expected = new TreeMap<>(committedState);
            expected.remove(PrivateState.namespace("cc", SECRETS) + "/k1");
            assertEquals(expected, dump(rebuilt));
            List<MissingPrivateData> missing = rebuilt.missingPrivateData(0, 10);
            assertEquals(List.of(new MissingPrivateData(1, 0, "cc", SECRETS, missing.get(0).reason())), missing);
        }
    }

    private static VersionedValue hashed(ChannelLedger ledger, String ns, String collection, String key) throws Exception {
        return ledger.state().get(HashedState.namespace(ns, collection),
                HashedState.key(TestBlocks.sha256(ByteString.copyFromUtf8(key)))).orElseThrow();
    }

    /** Public, hashed and private state of chaincode "cc", as namespace/key. */
    private static TreeMap<String, VersionedValue> dump(ChannelLedger ledger) throws Exception {
        TreeMap<String, VersionedValue> all = new TreeMap<>();
        for (String ns : List.of("cc", HashedState.namespace("cc", SECRETS), PrivateState.namespace("cc", SECRETS))) {
            ledger.state().range(ns, "", "", (key, value) -> {
                all.put(ns + "/" + key, value);
                return true;
            });
        }
        return all;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString().replace(File.separatorChar, '/'));
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
