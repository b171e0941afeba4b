package weft.runtime.ledger.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import weft.launcher.spi.LedgerVerifier;
import weft.launcher.spi.ToolException;

/** Serves {@code weft-peer ledger verify} from inside the framework. */
@Component
public final class LedgerVerifierComponent implements LedgerVerifier {

    @Override
    public Report verify(Path path) throws ToolException {
        if (!Files.exists(path)) {
            throw new ToolException(path + " does not exist");
        }
        List<ChainVerifier.ChainReport> chains;
        try {
            chains = ChainVerifier.verify(path);
        } catch (IOException e) {
            throw new ToolException("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (chains.isEmpty()) {
            throw new ToolException(path + " holds no block files (blockfile_NNNNNN)");
        }
        List<String> lines = new ArrayList<>();
        boolean intact = true;
        for (ChainVerifier.ChainReport chain : chains) {
            lines.add(chain.summary());
            intact &= chain.intact();
        }
        return new Report(lines, intact);
    }
}
