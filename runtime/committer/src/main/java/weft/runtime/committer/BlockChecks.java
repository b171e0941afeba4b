package weft.runtime.committer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Block-level rules applied after every transaction of a block has been checked. */
public final class BlockChecks {

    private BlockChecks() {
    }

    /**
     * Fabric's last pass over a block: among transactions still valid, the second and later ones with the same
     * txid become {@code DUPLICATE_TXID} (the first wins).
     */
    public static void markDuplicatesWithinBlock(byte[] flags, List<String> txIds) {
        Set<String> seen = new HashSet<>();
        for (int tx = 0; tx < flags.length; tx++) {
            if (flags[tx] != TxValidationCode.VALID_VALUE || txIds.get(tx) == null) {
                continue;
            }
            if (!seen.add(txIds.get(tx))) {
                flags[tx] = (byte) TxValidationCode.DUPLICATE_TXID_VALUE;
            }
        }
    }
}
