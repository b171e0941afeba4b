package weft.runtime.ledger.blockfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weft.testing.FabricLedgers;

class BlockSerializationTest {

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL, FabricLedgers.FABRIC_NET_SMALL})
    void reproducesFabricsBlockFileBytesExactly(String ledger) throws Exception {
        Path file = FabricLedgers.blockFile(ledger);
        byte[] original = Files.readAllBytes(file);

        for (BlockRecord record : BlockFileReader.readAll(file)) {
            SerializedBlock serialized = BlockSerialization.serialize(record.block());
            int start = (int) record.offset() + varintSize(record.length());
            assertArrayEquals(Arrays.copyOfRange(original, start, start + record.length()), serialized.bytes(),
                    "block " + record.block().getHeader().getNumber());
            List<SerializedBlock.Span> spans = serialized.transactions();
            assertEquals(record.block().getData().getDataCount(), spans.size());
        }
    }

    private static int varintSize(int value) {
        int size = 1;
        while ((value >>>= 7) != 0) {
            size++;
        }
        return size;
    }
}
