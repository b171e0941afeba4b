package weft.runtime.ledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.testing.FabricLedgers;

class ChainVerifierTest {

    @TempDir
    Path dir;

    @Test
    void realFabricLedgersAreIntact() throws Exception {
        Path file = FabricLedgers.blockFile(FabricLedgers.V20_TESTCHANNEL);
        List<ChainVerifier.ChainReport> reports = ChainVerifier.verify(file.getParent().getParent());

        assertEquals(3, reports.size());
        assertTrue(reports.stream().allMatch(ChainVerifier.ChainReport::intact), reports.toString());
    }

    @Test
    void reportsATamperedTransactionWithItsBlockAndOffset() throws Exception {
        Path real = FabricLedgers.blockFile(FabricLedgers.SAMPLE_PROD);
        BlockRecord third = BlockFileReader.readAll(real).get(3);
        byte[] bytes = Files.readAllBytes(real);
        // Past the header (number, two 32-byte hashes): inside block 3's first envelope, which the data hash covers.
        // (Metadata is not hashed; only the orderer's signature protects it.)
        bytes[(int) third.offset() + 100] ^= 0x01;
        Path copy = dir.resolve("blockfile_000000");
        Files.write(copy, bytes);

        ChainVerifier.ChainReport report = ChainVerifier.verify(copy).get(0);

        assertFalse(report.intact());
        assertTrue(report.summary().contains("block 3 (blockfile_000000 offset " + third.offset()
                + "): data hash does not match its transactions"), report.summary());
    }
}
