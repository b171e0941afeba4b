package weft.runtime.committer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.runtime.ledger.LedgerException;

/**
 * Runs {@link TransactionChecker} over every transaction of a block in parallel. The checks of one transaction
 * do not depend on the others, so the verdicts are the same whatever the thread count; they come back in block
 * order.
 */
public final class BlockChecks {

    private BlockChecks() {
    }

    public static List<TransactionCheck> run(Block block, TransactionChecker checker, ExecutorService pool)
            throws LedgerException {
        List<CompletableFuture<TransactionCheck>> futures = new ArrayList<>();
        for (int tx = 0; tx < block.getData().getDataCount(); tx++) {
            int position = tx;
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return checker.check(position, block.getData().getData(position));
                } catch (LedgerException e) {
                    throw new CompletionException(e);
                }
            }, pool));
        }
        List<TransactionCheck> checks = new ArrayList<>(futures.size());
        LedgerException failure = null;
        for (CompletableFuture<TransactionCheck> future : futures) {
            try {
                checks.add(future.join());
            } catch (CompletionException e) {
                // Report the lowest-positioned failure, as Fabric does, after every task has finished.
                if (failure == null) {
                    failure = e.getCause() instanceof LedgerException l ? l
                            : new LedgerException("checking a transaction failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return checks;
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
