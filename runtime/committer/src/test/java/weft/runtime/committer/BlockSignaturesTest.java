package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Metadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.testing.FabricLedgers;

class BlockSignaturesTest {

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL, FabricLedgers.FABRIC_NET_SMALL})
    void everyOrderedBlockOfARealLedgerIsSignedAsItsChannelRequires(String ledger) throws Exception {
        ChannelConfig config = null;
        int verified = 0;
        for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(ledger))) {
            if (config != null) {
                BlockSignatures.verify(record.block(), config);
                verified++;
            }
            var update = ChannelConfig.configEnvelope(record.block());
            if (update.isPresent()) {
                config = config == null ? ChannelConfig.fromConfigBlock(record.block())
                        : ChannelConfig.from(config.channelId(), update.get());
            }
        }
        assertTrue(verified > 0);
    }

    @Test
    void refusesAForgedOrUnsignedBlock() throws Exception {
        List<BlockRecord> records = BlockFileReader.readAll(FabricLedgers.blockFile(FabricLedgers.SAMPLE_PROD));
        ChannelConfig config = ChannelConfig.fromConfigBlock(records.get(0).block());
        Block block = records.get(3).block();
        Block renumbered = block.toBuilder().setHeader(block.getHeader().toBuilder().setNumber(99)).build();
        Metadata signatures = Metadata.parseFrom(block.getMetadata().getMetadata(0));
        Block unsigned = block.toBuilder().setMetadata(block.getMetadata().toBuilder()
                .setMetadata(0, signatures.toBuilder().clearSignatures().build().toByteString())).build();

        BlockSignatures.BlockRejectedException forged = assertThrows(BlockSignatures.BlockRejectedException.class,
                () -> BlockSignatures.verify(renumbered, config));
        assertTrue(forged.getMessage().startsWith("block 99: the orderer signatures do not satisfy "
                + "/Channel/Orderer/BlockValidation"), forged.getMessage());
        assertEquals("block 3 carries no orderer signature", assertThrows(BlockSignatures.BlockRejectedException.class,
                () -> BlockSignatures.verify(unsigned, config)).getMessage());
        assertThrows(BlockSignatures.BlockRejectedException.class, () -> BlockSignatures.verify(block.toBuilder()
                .setMetadata(block.getMetadata().toBuilder().setMetadata(0, ByteString.copyFromUtf8("\u00ff"))).build(), config));
    }
}
