package weft.runtime.ledger.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weft.runtime.ledger.TestBlocks.allValid;
import static weft.runtime.ledger.TestBlocks.config;
import static weft.runtime.ledger.TestBlocks.tx;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.TestBlocks;
import weft.runtime.ledger.TestBlocks.Ns;
import weft.runtime.ledger.store.Batch;
import weft.runtime.ledger.store.Keys;
import weft.runtime.ledger.store.LedgerStore;

class MetadataHintTest {

    @TempDir
    Path dir;

    private final TestBlocks chain = new TestBlocks();

    @Test
    void namesOnlyNamespacesWhoseKeysHaveHadMetadataAndSurvivesReopening() throws Exception {
        try (ChannelLedger ledger = ChannelLedger.open(dir, "ch")) {
            commit(ledger, config("genesis"));
            commit(ledger, tx("t1", new Ns("plain").write("a", "1"), new Ns("sbe").write("k", "v")));
            assertFalse(ledger.metadataHint().mayHaveMetadata("sbe"), "no key of sbe has metadata yet");

            commit(ledger, tx("t2", new Ns("sbe").metadata("k", "VALIDATION_PARAMETER", "policy")));
            assertTrue(ledger.metadataHint().mayHaveMetadata("sbe"));
            assertFalse(ledger.metadataHint().mayHaveMetadata("plain"));
        }
        try (ChannelLedger reopened = ChannelLedger.open(dir, "ch")) {
            assertTrue(reopened.metadataHint().mayHaveMetadata("sbe"), "the hint is stored with the state");
            assertFalse(reopened.metadataHint().mayHaveMetadata("plain"));
        }
    }

    @Test
    void isRebuiltFromTheStateOfALedgerWrittenBeforeTheHintExisted() throws Exception {
        try (ChannelLedger ledger = ChannelLedger.open(dir, "ch")) {
            commit(ledger, config("genesis"));
            commit(ledger, tx("t1", new Ns("sbe").write("k", "v"), new Ns("plain").write("a", "1")));
            commit(ledger, tx("t2", new Ns("sbe").metadata("k", "VALIDATION_PARAMETER", "policy")));
        }
        try (LedgerStore store = LedgerStore.open(dir.resolve("stores").resolve("ch"))) {
            List<byte[]> hintKeys = new ArrayList<>();
            store.scan(MetadataHint.PREFIX, Keys.prefixEnd(MetadataHint.PREFIX), (key, value) -> hintKeys.add(key));
            Batch forget = new Batch();
            hintKeys.forEach(forget::delete);
            forget.delete(MetadataHint.COMPLETE);
            store.write(forget);
        }
        try (ChannelLedger reopened = ChannelLedger.open(dir, "ch")) {
            assertTrue(reopened.metadataHint().mayHaveMetadata("sbe"), "rebuilt by scanning the state");
            assertFalse(reopened.metadataHint().mayHaveMetadata("plain"));
        }
    }

    private void commit(ChannelLedger ledger, ByteString... envelopes) throws Exception {
        Block block = chain.block(envelopes);
        ledger.commit(block, allValid(block));
    }
}
