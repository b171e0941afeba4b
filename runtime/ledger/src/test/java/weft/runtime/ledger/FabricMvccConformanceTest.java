package weft.runtime.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.testing.FabricLedgers;

/**
 * Commits each real Fabric ledger into a Weft ledger, giving it Fabric's verdicts except the ones MVCC decides
 * (those transactions are handed in as valid), and requires Weft's MVCC to reach Fabric's final
 * TRANSACTIONS_FILTER exactly: read conflicts on public and private (hashed) reads, phantoms, and the reads of
 * chaincode definitions that make endorsements under an old definition fail.
 */
class FabricMvccConformanceTest {

    private static final int MVCC = TxValidationCode.MVCC_READ_CONFLICT_VALUE;
    private static final int PHANTOM = TxValidationCode.PHANTOM_READ_CONFLICT_VALUE;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL, FabricLedgers.FABRIC_NET_SMALL})
    void mvccReproducesFabricsVerdicts(String ledgerName) throws Exception {
        List<String> mismatches = new ArrayList<>();
        int conflicts = 0;
        try (ChannelLedger ledger = ChannelLedger.open(dir, ledgerName)) {
            for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(ledgerName))) {
                Block block = record.block();
                byte[] fabric = block.getMetadata().getMetadata(2).toByteArray();
                byte[] beforeMvcc = fabric.clone();
                for (int i = 0; i < beforeMvcc.length; i++) {
                    if (beforeMvcc[i] == MVCC || beforeMvcc[i] == PHANTOM) {
                        beforeMvcc[i] = (byte) TxValidationCode.VALID_VALUE;
                        conflicts++;
                    }
                }
                Block stored = ledger.commit(block, beforeMvcc);
                byte[] weft = stored.getMetadata().getMetadata(2).toByteArray();
                if (!Arrays.equals(fabric, weft)) {
                    mismatches.add("block " + block.getHeader().getNumber() + ": Fabric " + HexFormat.of().formatHex(fabric)
                            + ", Weft " + HexFormat.of().formatHex(weft));
                }
            }
        }
        assertEquals(List.of(), mismatches);
        if (ledgerName.equals(FabricLedgers.FABRIC_NET_SMALL)) {
            assertTrue(conflicts >= 17, "the ledger exercises MVCC (" + conflicts + " conflicts)");
        }
    }
}
