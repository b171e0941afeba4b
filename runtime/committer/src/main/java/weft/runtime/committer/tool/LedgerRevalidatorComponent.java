package weft.runtime.committer.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import weft.launcher.spi.LedgerRevalidator;
import weft.launcher.spi.LedgerVerifier;
import weft.launcher.spi.ToolException;
import weft.runtime.committer.BlockSignatures;
import weft.runtime.committer.BlockValidator;
import weft.runtime.committer.CannotValidateException;
import weft.runtime.committer.ChannelCommitter;
import weft.runtime.committer.ValidationPlugins;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.config.CoreConfig;
import weft.runtime.config.ValidationSettings;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.blockfile.BlockFileException;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;

/**
 * Serves {@code weft-peer ledger revalidate}: replays a block file into a scratch ledger through the committer,
 * with the validation plugins core.yaml configures, and compares every verdict with the one stored in the file.
 */
@Component
public final class LedgerRevalidatorComponent implements LedgerRevalidator {

    private final HandlerRegistry handlers;
    private final ValidationSettings settings;

    /** Both services appear when the peer has started with its core.yaml; the settings come from that file. */
    @Activate
    public LedgerRevalidatorComponent(@Reference HandlerRegistry handlers, @Reference CoreConfig config) {
        this.handlers = handlers;
        this.settings = config.validation();
    }

    @Override
    public LedgerVerifier.Report revalidate(Path blockFile) throws ToolException {
        List<BlockRecord> records;
        try {
            records = BlockFileReader.readAll(blockFile);
        } catch (IOException | BlockFileException e) {
            throw new ToolException("cannot read " + blockFile + ": " + e.getMessage(), e);
        }
        if (records.isEmpty() || records.get(0).block().getHeader().getNumber() != 0) {
            throw new ToolException(blockFile + " does not start with a genesis block (block 0)");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("weft-revalidate-");
        } catch (IOException e) {
            throw new ToolException("cannot create a scratch ledger: " + e.getMessage(), e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(settings.poolSize());
        ScheduledExecutorService pluginCalls = Executors.newSingleThreadScheduledExecutor();
        try (ChannelLedger ledger = ChannelLedger.open(scratch, "revalidate")) {
            String channel = "revalidate:" + blockFile.toAbsolutePath();
            ChannelCommitter committer = new ChannelCommitter(ledger,
                    new BlockValidator(pool, pluginCalls, settings.pluginTimeout()),
                    ValidationPlugins.of(handlers, channel),
                    new ChannelCommitter.RetryPolicy(settings.executionFailureRetries(), settings.retryBackoff()), null);
            return compare(records, committer);
        } catch (LedgerException e) {
            throw new ToolException(e.getMessage(), e);
        } finally {
            pool.shutdownNow();
            pluginCalls.shutdownNow();
            delete(scratch);
        }
    }

    private static LedgerVerifier.Report compare(List<BlockRecord> records, ChannelCommitter committer)
            throws ToolException {
        List<String> lines = new ArrayList<>();
        long transactions = 0;
        long mismatches = 0;
        for (BlockRecord record : records) {
            Block block = record.block();
            byte[] stored = block.getMetadata().getMetadata(2).toByteArray();
            byte[] weft;
            try {
                weft = committer.commit(block).getMetadata().getMetadata(2).toByteArray();
            } catch (BlockSignatures.BlockRejectedException | CannotValidateException | LedgerException
                     | ChannelConfig.ConfigException e) {
                throw new ToolException("block " + block.getHeader().getNumber() + ": " + e.getMessage(), e);
            }
            List<String> differences = new ArrayList<>();
            for (int tx = 0; tx < weft.length; tx++) {
                int expected = tx < stored.length ? stored[tx] & 0xff : TxValidationCode.NOT_VALIDATED_VALUE;
                if (expected != (weft[tx] & 0xff)) {
                    differences.add("tx " + tx + " stored " + name(expected) + ", Weft " + name(weft[tx] & 0xff));
                }
            }
            transactions += weft.length;
            mismatches += differences.size();
            lines.add("block " + block.getHeader().getNumber() + ": " + weft.length + " transaction(s), "
                    + (differences.isEmpty() ? "verdicts match" : String.join("; ", differences)));
        }
        lines.add(records.size() + " blocks, " + transactions + " transactions, " + mismatches + " mismatches");
        return new LedgerVerifier.Report(lines, mismatches == 0);
    }

    private static String name(int code) {
        TxValidationCode known = TxValidationCode.forNumber(code);
        return known == null ? String.valueOf(code) : known.name();
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.getLogger(LedgerRevalidatorComponent.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete scratch ledger " + root + ": " + e.getMessage());
        }
    }
}
