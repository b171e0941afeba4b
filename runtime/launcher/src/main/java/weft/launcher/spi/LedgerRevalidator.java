package weft.launcher.spi;

import java.nio.file.Path;

/**
 * Re-validates a channel's block file from its genesis block with the peer's validation plugins and compares every
 * transaction's verdict with the TRANSACTIONS_FILTER stored in the block. Needs a started peer (its handlers).
 */
public interface LedgerRevalidator {

    /**
     * @return one line per block, then {@code N blocks, M transactions, K mismatches}; intact when K is 0
     * @throws ToolException when the file cannot be read, does not start with a genesis block, or a block cannot be
     *                       validated (a plugin is missing or cannot decide)
     */
    LedgerVerifier.Report revalidate(Path blockFile) throws ToolException;
}
