package weft.api.ordering;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.osgi.annotation.versioning.ProviderType;
import weft.api.plugin.Dependency;

/**
 * What the peer gives a consenter for one channel (Fabric's {@code ConsenterSupport}): the channel's batch
 * configuration, and the writing of blocks — numbering, hash chain, the orderer's signature (metadata
 * SIGNATURES) and LAST_CONFIG, and durable storage. A consenter only chooses the envelopes of each block.
 * <pre>{@code
 * BlockCutter cutter = new BlockCutter(support.batchConfig().batchSize());
 * for (List<ByteString> batch : cutter.ordered(envelope).batches()) {
 *     support.writeBlock(batch, ByteString.EMPTY);
 * }
 * }</pre>
 */
@ProviderType
public interface ChainSupport extends Dependency {

    /** The channel this support serves. */
    String channelId();

    /** The channel's current BatchSize and BatchTimeout. */
    BatchConfig batchConfig();

    /** The number of blocks stored (the next block's number). */
    long height();

    /** A stored block, or empty when {@code number >= height()}. */
    Optional<Block> block(long number) throws OrderingException;

    /**
     * Whether an envelope is a channel configuration transaction, which Fabric orders in a block of its own.
     * An envelope that does not parse is not a config transaction.
     */
    boolean isConfig(ByteString envelope);

    /**
     * Builds the next block from {@code envelopes}, signs it, and stores it durably before returning.
     *
     * @param consenterMetadata the consenter's own state at this block, kept in the signed metadata
     *                          ({@code OrdererBlockMetadata.consenter_metadata}) and returned by
     *                          {@link #lastConsenterMetadata()}
     * @throws OrderingException when the block cannot be stored; nothing is stored then
     */
    Block writeBlock(List<ByteString> envelopes, ByteString consenterMetadata) throws OrderingException;

    /** As {@link #writeBlock}, for a block holding one config envelope; later blocks' LAST_CONFIG point to it. */
    Block writeConfigBlock(ByteString configEnvelope, ByteString consenterMetadata) throws OrderingException;

    /** The consenter metadata of the last stored block; empty for none (or a genesis block). */
    ByteString lastConsenterMetadata() throws OrderingException;

    /** The stored blocks from {@code fromNumber} on, waiting for new ones as they are written. */
    BlockStream blocks(long fromNumber);
}
