package weft.runtime.ledger.blockfile;

import com.google.protobuf.CodedInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;

/**
 * Reads the blocks of one Fabric block file, in order.
 * <pre>{@code
 * try (BlockFileReader reader = BlockFileReader.open(Path.of("blockfile_000000"))) {
 *     for (Optional<BlockRecord> r = reader.next(); r.isPresent(); r = reader.next()) { ... }
 * }
 * }</pre>
 */
public final class BlockFileReader implements AutoCloseable {

    /** Fabric starts a new file before a record would pass 64 MiB; anything longer is corruption. */
    private static final int MAX_RECORD = 256 * 1024 * 1024;

    private final Path file;
    private final InputStream input;
    private final CodedInputStream coded;

    private BlockFileReader(Path file, InputStream input) {
        this.file = file;
        this.input = input;
        this.coded = CodedInputStream.newInstance(input);
        this.coded.setSizeLimit(Integer.MAX_VALUE);
    }

    public static BlockFileReader open(Path file) throws IOException {
        return new BlockFileReader(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** Every block of {@code file}. */
    public static List<BlockRecord> readAll(Path file) throws IOException, BlockFileException {
        List<BlockRecord> blocks = new ArrayList<>();
        try (BlockFileReader reader = open(file)) {
            for (Optional<BlockRecord> block = reader.next(); block.isPresent(); block = reader.next()) {
                blocks.add(block.get());
            }
        }
        return blocks;
    }

    /** The next block, or empty at the end of the file. */
    public Optional<BlockRecord> next() throws BlockFileException {
        long offset = coded.getTotalBytesRead();
        byte[] serialized;
        try {
            if (coded.isAtEnd()) {
                return Optional.empty();
            }
            long length = coded.readUInt64();
            if (length <= 0 || length > MAX_RECORD) {
                throw new BlockFileException(file + ": corrupted block record at offset " + offset
                        + ": implausible length " + length, offset, false, null);
            }
            serialized = coded.readRawBytes((int) length);
        } catch (IOException e) {
            throw new BlockFileException(file + ": truncated block record at offset " + offset + ": "
                    + e.getMessage(), offset, true, e);
        }
        try {
            return Optional.of(new BlockRecord(offset, serialized.length, decode(serialized)));
        } catch (IOException | IllegalArgumentException e) {
            throw new BlockFileException(file + ": corrupted block at offset " + offset + ": " + e.getMessage(),
                    offset, false, e);
        }
    }

    /** Fabric's serialized block: number, data hash, previous hash, envelopes, metadata. */
    static Block decode(byte[] serialized) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(serialized);
        BlockHeader.Builder header = BlockHeader.newBuilder()
                .setNumber(in.readUInt64())
                .setDataHash(in.readBytes());
        header.setPreviousHash(in.readBytes());
        BlockData.Builder data = BlockData.newBuilder();
        long transactions = in.readUInt64();
        for (long i = 0; i < transactions; i++) {
            data.addData(in.readBytes());
        }
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        long entries = in.readUInt64();
        for (long i = 0; i < entries; i++) {
            metadata.addMetadata(in.readBytes());
        }
        if (!in.isAtEnd()) {
            throw new IllegalArgumentException("trailing bytes after the block's metadata");
        }
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }

}
