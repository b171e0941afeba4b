package weft.runtime.ledger.blockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weft.runtime.ledger.block.BlockHashes;
import weft.testing.FabricLedgers;

class FabricHashChainTest {

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL, FabricLedgers.FABRIC_NET_SMALL})
    void dataAndHeaderHashesChainAsFabricWroteThem(String ledger) throws Exception {
        List<BlockRecord> records = BlockFileReader.readAll(FabricLedgers.blockFile(ledger));

        for (int i = 0; i < records.size(); i++) {
            BlockHeader header = records.get(i).block().getHeader();
            assertEquals(header.getDataHash(), BlockHashes.dataHash(records.get(i).block().getData()),
                    "data hash of block " + i);
            if (i > 0) {
                assertEquals(BlockHashes.headerHash(records.get(i - 1).block().getHeader()), header.getPreviousHash(),
                        "block " + i + " names block " + (i - 1) + "'s header hash as its parent");
            }
        }
    }

    @Test
    void encodesHeaderNumbersAsMinimalDerIntegers() {
        // 0 is 02 01 00; an empty hash is 04 00; 128 needs a leading zero byte: 02 02 00 80
        assertEquals("3009020100040004020102", hex(BlockHeader.newBuilder().setNumber(0)
                .setDataHash(ByteString.copyFrom(new byte[] {1, 2})).build()));
        assertEquals("30080202008004000400", hex(BlockHeader.newBuilder().setNumber(128).build()));
    }

    private static String hex(BlockHeader header) {
        return HexFormat.of().formatHex(BlockHashes.headerBytes(header));
    }
}
