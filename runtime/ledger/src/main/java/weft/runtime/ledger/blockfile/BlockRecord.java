package weft.runtime.ledger.blockfile;

import java.util.Objects;
import org.hyperledger.fabric.protos.common.Block;

/**
 * One block read from a block file.
 *
 * @param offset where its record (the length prefix) starts in the file
 * @param length the length of the serialized block, without the prefix
 */
public record BlockRecord(long offset, int length, Block block) {

    public BlockRecord {
        Objects.requireNonNull(block, "block");
    }
}
