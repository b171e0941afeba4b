package weft.runtime.ledger.blockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weft.testing.FabricLedgers;

class BlockFileReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"sample_prod, 8", "v20_testchannel, 20", "fabric-net-small, 42"})
    void readsEveryBlockOfARealFabricBlockFile(String ledger, int blocks) throws Exception {
        List<BlockRecord> records = BlockFileReader.readAll(FabricLedgers.blockFile(ledger));

        assertEquals(blocks, records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(i, records.get(i).block().getHeader().getNumber());
            assertEquals(5, records.get(i).block().getMetadata().getMetadataCount(), "Fabric stores 5 metadata slots");
        }
        assertEquals(0, records.get(0).offset());
        assertTrue(records.get(0).block().getHeader().getPreviousHash().isEmpty(), "the genesis block has no parent");
    }

    @Test
    void reportsATruncatedFileWithTheOffsetOfTheBrokenRecord() throws Exception {
        Path real = FabricLedgers.blockFile(FabricLedgers.SAMPLE_PROD);
        List<BlockRecord> records = BlockFileReader.readAll(real);
        BlockRecord third = records.get(2);
        byte[] bytes = Files.readAllBytes(real);
        Path truncated = dir.resolve("blockfile_000000");
        Files.write(truncated, Arrays.copyOf(bytes, (int) third.offset() + 10));

        BlockFileException e = assertThrows(BlockFileException.class, () -> BlockFileReader.readAll(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": truncated block record at offset " + third.offset()),
                e.getMessage());
    }

    @Test
    void reportsACorruptedRecord() throws Exception {
        Path corrupted = dir.resolve("blockfile_000000");
        Files.write(corrupted, new byte[] {5, 1, 2, 3, 4, 5});

        BlockFileException e = assertThrows(BlockFileException.class, () -> BlockFileReader.readAll(corrupted));
        assertTrue(e.getMessage().startsWith(corrupted + ": corrupted block at offset 0"), e.getMessage());
    }
}
