package weft.runtime.ledger;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import weft.runtime.ledger.TestBlocks.Ns;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.state.Height;

/**
 * The process {@link CrashRecoveryTest} kills: opens (and so recovers) a ledger, then commits blocks without end.
 * Block n's transactions are a pure function of n and of the state they read, so any prefix of the chain is
 * a valid chain, whatever instant the previous process died at.
 */
public final class CrashingCommitter {

    static final int TRANSACTIONS_PER_BLOCK = 200;
    static final int KEYS = 300;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        try (ChannelLedger ledger = ChannelLedger.open(root, "crash")) {
            System.out.println("opened at height " + ledger.chainInfo().height());
            System.out.flush();
            while (true) {
                Block block = next(ledger);
                ledger.commit(block, new byte[block.getData().getDataCount()]);
            }
        }
    }

    static Block next(ChannelLedger ledger) throws Exception {
        ChainInfo info = ledger.chainInfo();
        long number = info.height();
        BlockData.Builder data = BlockData.newBuilder();
        if (number == 0) {
            data.addData(TestBlocks.config("genesis"));
        } else {
            for (int i = 0; i < TRANSACTIONS_PER_BLOCK; i++) {
                String read = "k" + ((number * 7 + i) % KEYS);
                String write = "k" + ((number * 13 + i * 3) % KEYS);
                Height version = ledger.state().get("cc", read).map(v -> v.version()).orElse(null);
                Ns ns = new Ns("cc").read(read, version).write(write, number + ":" + i);
                if (i % 17 == 0) {
                    ns.delete("k" + ((number + i) % KEYS));
                }
                data.addData(TestBlocks.tx("tx-" + number + "-" + i, ns));
            }
        }
        BlockHeader header = BlockHeader.newBuilder().setNumber(number).setPreviousHash(info.currentBlockHash())
                .setDataHash(BlockHashes.dataHash(data.build())).build();
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(BlockMetadata.newBuilder()
                .addMetadata(ByteString.EMPTY)).build();
    }

    private CrashingCommitter() {
    }
}
