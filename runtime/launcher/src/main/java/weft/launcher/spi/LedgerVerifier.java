package weft.launcher.spi;

import java.nio.file.Path;
import java.util.List;

/** Checks block files: that they parse, and that data hashes and the header hash chain hold. */
public interface LedgerVerifier {

    /** The outcome: one line per chain (or problem), and whether everything held. */
    record Report(List<String> lines, boolean intact) {
        public Report {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Verifies one block file, or every chain of block files under a directory (a Weft or Fabric ledger
     * directory, or a channel's folder of {@code blockfile_NNNNNN} files).
     *
     * @throws ToolException when the path does not exist or holds no block files
     */
    Report verify(Path path) throws ToolException;
}
