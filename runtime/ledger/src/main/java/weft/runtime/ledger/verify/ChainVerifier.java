package weft.runtime.ledger.verify;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.blockfile.BlockFileException;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;

/**
 * Verifies chains of block files: every record parses, every block's data hash matches its transactions, block
 * numbers follow one another and every previous hash equals the header hash of the block before. Works on any
 * directory that holds {@code blockfile_NNNNNN} files, Weft's or Fabric's.
 */
public final class ChainVerifier {

    /** One chain's outcome. */
    public record ChainReport(Path directory, long blocks, long firstBlock, List<String> problems) {

        public boolean intact() {
            return problems.isEmpty();
        }

        public String summary() {
            String range = blocks == 0 ? "no blocks" : blocks + " blocks (" + firstBlock + ".." + (firstBlock + blocks - 1) + ")";
            return directory + ": " + range + (intact() ? ", hash chain intact" : ", " + problems.size()
                    + " problem(s): " + String.join("; ", problems));
        }
    }

    private ChainVerifier() {
    }

    /** Every chain under {@code path} (a block file verifies on its own). */
    public static List<ChainReport> verify(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(verifyChain(path.getParent(), List.of(path)));
        }
        Map<Path, List<Path>> chains = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(path)) {
            files.filter(p -> p.getFileName().toString().matches("blockfile_\\d{6}")).sorted()
                    .forEach(p -> chains.computeIfAbsent(p.getParent(), d -> new ArrayList<>()).add(p));
        }
        List<ChainReport> reports = new ArrayList<>();
        for (Map.Entry<Path, List<Path>> chain : chains.entrySet()) {
            reports.add(verifyChain(chain.getKey(), chain.getValue()));
        }
        return reports;
    }

    private static ChainReport verifyChain(Path directory, List<Path> files) throws IOException {
        List<String> problems = new ArrayList<>();
        long count = 0;
        long first = -1;
        Block previous = null;
        for (Path file : files) {
            try (BlockFileReader reader = BlockFileReader.open(file)) {
                for (Optional<BlockRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
                    Block block = record.get().block();
                    long number = block.getHeader().getNumber();
                    if (first < 0) {
                        first = number;
                    }
                    count++;
                    check(block, previous, file, record.get().offset(), problems);
                    previous = block;
                }
            } catch (BlockFileException e) {
                problems.add(e.getMessage());
                break;
            }
        }
        return new ChainReport(directory, count, Math.max(first, 0), problems);
    }

    private static void check(Block block, Block previous, Path file, long offset, List<String> problems) {
        long number = block.getHeader().getNumber();
        String where = "block " + number + " (" + file.getFileName() + " offset " + offset + ")";
        if (!BlockHashes.dataHash(block.getData()).equals(block.getHeader().getDataHash())) {
            problems.add(where + ": data hash does not match its transactions");
        }
        if (previous == null) {
            return;
        }
        long expected = previous.getHeader().getNumber() + 1;
        if (number != expected) {
            problems.add(where + ": expected block " + expected);
        }
        ByteString parent = BlockHashes.headerHash(previous.getHeader());
        if (!block.getHeader().getPreviousHash().equals(parent)) {
            problems.add(where + ": previous hash does not equal the header hash of block "
                    + previous.getHeader().getNumber());
        }
    }
}
