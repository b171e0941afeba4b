package weft.runtime.ledger.blockfile;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A channel's append-only block files ({@code blockfile_000000}, {@code blockfile_000001}, …): records are
 * appended and forced to disk before a block counts as stored; a new file starts when the next record would
 * pass the size limit. Opening finds the last complete block and cuts off a torn final append left by a crash;
 * damage anywhere else is reported with the file and offset, never silently skipped.
 */
public final class BlockFiles implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BlockFiles.class.getName());

    private final Path directory;
    private final long maxFileSize;
    private int currentSuffix;
    private FileChannel current;
    private long currentSize;
    private Block lastBlock;
    private FileLocation lastLocation;

    private BlockFiles(Path directory, long maxFileSize) {
        this.directory = directory;
        this.maxFileSize = maxFileSize;
    }

    /** Opens (or creates) the block files in {@code directory}. */
    public static BlockFiles open(Path directory, long maxFileSize) throws IOException, BlockFileException {
        Files.createDirectories(directory);
        BlockFiles files = new BlockFiles(directory, maxFileSize);
        files.recover();
        return files;
    }

    static String fileName(int suffix) {
        return String.format("blockfile_%06d", suffix);
    }

    private void recover() throws IOException, BlockFileException {
        List<Integer> suffixes = existingSuffixes();
        currentSuffix = suffixes.isEmpty() ? 0 : suffixes.get(suffixes.size() - 1);
        for (int i = 0; i < suffixes.size(); i++) {
            if (suffixes.get(i) != i) {
                throw new BlockFileException(directory + ": block file " + fileName(i) + " is missing", 0, false, null);
            }
        }
        for (int suffix : suffixes) {
            boolean last = suffix == currentSuffix;
            Path file = directory.resolve(fileName(suffix));
            long validEnd = 0;
            try (BlockFileReader reader = BlockFileReader.open(file)) {
                for (Optional<BlockRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
                    lastBlock = record.get().block();
                    lastLocation = new FileLocation(suffix, record.get().offset(), record.get().length());
                    validEnd = record.get().offset() + varintSize(record.get().length()) + record.get().length();
                }
            } catch (BlockFileException e) {
                if (!last || !e.truncated()) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, file + ": cutting off an incomplete block record at offset "
                        + e.offset() + " (an append interrupted by a crash)");
                validEnd = e.offset();
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(validEnd);
                    channel.force(true);
                }
            }
            if (last) {
                currentSize = validEnd;
            }
        }
        current = FileChannel.open(directory.resolve(fileName(currentSuffix)), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        current.position(currentSize);
    }

    /** The last complete block, if any. */
    public Optional<Block> lastBlock() {
        return Optional.ofNullable(lastBlock);
    }

    public Optional<FileLocation> lastLocation() {
        return Optional.ofNullable(lastLocation);
    }

    /** Appends a block and forces it to disk; returns where its record starts. */
    public FileLocation append(Block block, SerializedBlock serialized) throws IOException {
        byte[] bytes = serialized.bytes();
        int prefix = varintSize(bytes.length);
        if (currentSize > 0 && currentSize + prefix + bytes.length > maxFileSize) {
            current.force(true);
            current.close();
            currentSuffix++;
            currentSize = 0;
            current = FileChannel.open(directory.resolve(fileName(currentSuffix)), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        }
        ByteBuffer record = ByteBuffer.allocate(prefix + bytes.length);
        CodedOutputStream out = CodedOutputStream.newInstance(record);
        out.writeUInt32NoTag(bytes.length);
        out.writeRawBytes(bytes);
        out.flush();
        record.flip();
        long offset = currentSize;
        while (record.hasRemaining()) {
            current.write(record);
        }
        current.force(false);
        currentSize += prefix + bytes.length;
        lastBlock = block;
        lastLocation = new FileLocation(currentSuffix, offset, bytes.length);
        return lastLocation;
    }

    /** The block whose record starts at {@code location}. */
    public Block read(FileLocation location) throws IOException, BlockFileException {
        byte[] bytes = readRange(location.fileSuffix(), location.offset() + varintSize(location.length()),
                location.length());
        try {
            return BlockFileReader.decode(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new BlockFileException(directory.resolve(fileName(location.fileSuffix())) + ": corrupted block at offset "
                    + location.offset() + ": " + e.getMessage(), location.offset(), false, e);
        }
    }

    /** Raw bytes of a file region. */
    public byte[] readRange(int suffix, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(directory.resolve(fileName(suffix)), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException(fileName(suffix) + " ends before offset " + (offset + length));
                }
            }
            return buffer.array();
        }
    }

    /** Every block from {@code location} (inclusive) to the end, in order. */
    public void forEachFrom(FileLocation location, BlockVisitor visitor) throws IOException, BlockFileException {
        for (int suffix = location.fileSuffix(); suffix <= currentSuffix; suffix++) {
            try (BlockFileReader reader = BlockFileReader.open(directory.resolve(fileName(suffix)))) {
                for (Optional<BlockRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
                    if (suffix == location.fileSuffix() && record.get().offset() < location.offset()) {
                        continue;
                    }
                    visitor.visit(new FileLocation(suffix, record.get().offset(), record.get().length()),
                            record.get().block());
                }
            }
        }
    }

    /** Receives blocks during {@link #forEachFrom}. */
    @FunctionalInterface
    public interface BlockVisitor {
        void visit(FileLocation location, Block block) throws IOException, BlockFileException;
    }

    static int varintSize(int value) {
        return CodedOutputStream.computeUInt32SizeNoTag(value);
    }

    private List<Integer> existingSuffixes() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("blockfile_\\d{6}"))
                    .map(n -> Integer.parseInt(n.substring("blockfile_".length()))).sorted().toList();
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
