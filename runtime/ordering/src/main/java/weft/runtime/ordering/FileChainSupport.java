package weft.runtime.ordering;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BlockStream;
import weft.api.ordering.ChainSupport;
import weft.api.ordering.OrderingException;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.block.OrdererBlocks;
import weft.runtime.ledger.blockfile.BlockFileException;
import weft.runtime.ledger.blockfile.BlockFiles;
import weft.runtime.ledger.blockfile.BlockSerialization;
import weft.runtime.ledger.blockfile.FileLocation;

/**
 * One channel's orderer block store: Fabric-format block files in a directory of their own, to which a
 * consenter writes its blocks through {@link ChainSupport}. Each block is numbered, chained to the previous
 * header hash, signed by this node's orderer identity (SIGNATURES with LAST_CONFIG and the consenter's
 * metadata, plus the LAST_CONFIG entry) and forced to disk before {@code writeBlock} returns. Opening an
 * existing store resumes after its last complete block; an empty store starts with the channel's genesis block.
 */
public final class FileChainSupport implements ChainSupport, AutoCloseable {

    private final String channelId;
    private final BatchConfig batchConfig;
    private final OrdererBlocks.Signer signer;
    private final BlockFiles files;
    private final List<FileLocation> locations = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private ByteString tipHash;
    private long lastConfig;
    private ByteString lastConsenterMetadata = ByteString.EMPTY;
    private boolean closed;

    private FileChainSupport(String channelId, BatchConfig batchConfig, OrdererBlocks.Signer signer, BlockFiles files) {
        this.channelId = channelId;
        this.batchConfig = batchConfig;
        this.signer = signer;
        this.files = files;
    }

    /**
     * Opens the store in {@code directory}, writing {@code genesis} as block 0 when it is empty.
     *
     * @throws OrderingException when the files are damaged, or block 0 on disk is not {@code genesis}
     */
    public static FileChainSupport open(Path directory, String channelId, BatchConfig batchConfig,
                                        OrdererBlocks.Signer signer, Block genesis) throws OrderingException {
        Objects.requireNonNull(genesis, "genesis");
        BlockFiles files;
        try {
            files = BlockFiles.open(directory, 64L * 1024 * 1024);
        } catch (IOException | BlockFileException e) {
            throw new OrderingException(Status.INTERNAL_SERVER_ERROR, "channel " + channelId
                    + ": cannot open the orderer block files in " + directory + ": " + e.getMessage(), e);
        }
        FileChainSupport support = new FileChainSupport(channelId, batchConfig, signer, files);
        try {
            support.load(genesis);
        } catch (OrderingException | RuntimeException e) {
            support.close();
            throw e;
        }
        return support;
    }

    private synchronized void load(Block genesis) throws OrderingException {
        Block[] last = new Block[1];
        try {
            if (files.lastLocation().isPresent()) {
                files.forEachFrom(new FileLocation(0, 0, 0), (location, block) -> {
                    if (block.getHeader().getNumber() != locations.size()) {
                        throw new BlockFileException("block " + block.getHeader().getNumber() + " found where block "
                                + locations.size() + " belongs", location.offset(), false, null);
                    }
                    locations.add(location);
                    last[0] = block;
                });
            }
        } catch (IOException | BlockFileException e) {
            throw new OrderingException(Status.INTERNAL_SERVER_ERROR, "channel " + channelId
                    + ": cannot read the orderer block files: " + e.getMessage(), e);
        }
        if (locations.isEmpty()) {
            if (genesis.getHeader().getNumber() != 0) {
                throw new OrderingException(Status.BAD_REQUEST, "channel " + channelId + ": the genesis block has number "
                        + genesis.getHeader().getNumber() + ", not 0");
            }
            append(genesis);
            lastConfig = 0;
            return;
        }
        Block stored = block(0).orElseThrow();
        if (!BlockHashes.headerHash(stored.getHeader()).equals(BlockHashes.headerHash(genesis.getHeader()))) {
            throw new OrderingException(Status.BAD_REQUEST, "channel " + channelId
                    + ": the stored block 0 is not this channel's genesis block");
        }
        tipHash = BlockHashes.headerHash(last[0].getHeader());
        var metadata = OrdererBlocks.ordererMetadata(last[0]);
        lastConfig = metadata.getLastConfig().getIndex();
        lastConsenterMetadata = metadata.getConsenterMetadata();
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public BatchConfig batchConfig() {
        return batchConfig;
    }

    @Override
    public synchronized long height() {
        return locations.size();
    }

    @Override
    public Optional<Block> block(long number) throws OrderingException {
        FileLocation location;
        synchronized (this) {
            if (number < 0 || number >= locations.size()) {
                return Optional.empty();
            }
            location = locations.get((int) number);
        }
        try {
            return Optional.of(files.read(location));
        } catch (IOException | BlockFileException e) {
            throw new OrderingException(Status.INTERNAL_SERVER_ERROR, "channel " + channelId + ": cannot read block "
                    + number + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isConfig(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            int type = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType();
            return type == HeaderType.CONFIG_VALUE;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    @Override
    public Block writeBlock(List<ByteString> envelopes, ByteString consenterMetadata) throws OrderingException {
        if (envelopes.isEmpty()) {
            throw new OrderingException(Status.BAD_REQUEST, "channel " + channelId + ": a block needs at least one envelope");
        }
        return write(envelopes, consenterMetadata, false);
    }

    @Override
    public Block writeConfigBlock(ByteString configEnvelope, ByteString consenterMetadata) throws OrderingException {
        return write(List.of(configEnvelope), consenterMetadata, true);
    }

    private synchronized Block write(List<ByteString> envelopes, ByteString consenterMetadata, boolean config)
            throws OrderingException {
        if (closed) {
            throw new OrderingException(Status.SERVICE_UNAVAILABLE, "channel " + channelId + ": the block store is closed");
        }
        long number = locations.size();
        Block unsigned = OrdererBlocks.unsigned(number, tipHash, envelopes);
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        long blockLastConfig = config ? number : lastConfig;
        Block block = OrdererBlocks.sign(unsigned, blockLastConfig, consenterMetadata, signer, ByteString.copyFrom(nonce));
        append(block);
        lastConfig = blockLastConfig;
        lastConsenterMetadata = consenterMetadata;
        return block;
    }

    private void append(Block block) throws OrderingException {
        try {
            locations.add(files.append(block, BlockSerialization.serialize(block)));
        } catch (IOException e) {
            throw new OrderingException(Status.INTERNAL_SERVER_ERROR, "channel " + channelId + ": cannot store block "
                    + block.getHeader().getNumber() + ": " + e.getMessage(), e);
        }
        tipHash = BlockHashes.headerHash(block.getHeader());
        notifyAll();
    }

    @Override
    public synchronized ByteString lastConsenterMetadata() {
        return lastConsenterMetadata;
    }

    /** The header hash of the last stored block. */
    public synchronized ByteString tipHash() {
        return tipHash;
    }

    @Override
    public BlockStream blocks(long fromNumber) {
        return new Stream(fromNumber);
    }

    /** Waits until the store holds more than {@code number} blocks or the timeout passes; true if it does. */
    private synchronized boolean awaitHeight(long number, long deadlineNanos, Stream stream) throws InterruptedException {
        while (locations.size() <= number && !closed && !stream.closed) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return locations.size() > number;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            files.close();
        } catch (IOException e) {
            System.getLogger(FileChainSupport.class.getName()).log(System.Logger.Level.WARNING,
                    "channel " + channelId + ": closing the block files failed: " + e.getMessage());
        }
    }

    /** Blocks from a number on, following the store as it grows. */
    private final class Stream implements BlockStream {
        private long next;
        private volatile boolean closed;

        Stream(long from) {
            this.next = from;
        }

        @Override
        public Optional<Block> next(Duration timeout) throws OrderingException, InterruptedException {
            if (closed) {
                throw new OrderingException(Status.SERVICE_UNAVAILABLE, "the block stream is closed");
            }
            if (!awaitHeight(next, System.nanoTime() + timeout.toNanos(), this)) {
                if (closed || FileChainSupport.this.closed) {
                    throw new OrderingException(Status.SERVICE_UNAVAILABLE, "channel " + channelId + ": closed");
                }
                return Optional.empty();
            }
            Optional<Block> block = block(next);
            block.ifPresent(b -> next++);
            return block;
        }

        @Override
        public void close() {
            closed = true;
            synchronized (FileChainSupport.this) {
                FileChainSupport.this.notifyAll();
            }
        }
    }
}
