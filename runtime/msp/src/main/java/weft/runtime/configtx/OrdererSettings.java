package weft.runtime.configtx;

import com.google.protobuf.ByteString;
import java.util.Objects;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.ConsenterFactory;

/**
 * A channel's ordering settings: the consensus type, which names the consenter bundle that orders it (Fabric's
 * {@code ConsensusType}), and how blocks are cut ({@code BatchSize}, {@code BatchTimeout}).
 *
 * @param consensusType     {@code solo}, {@code raft}, or the name another consenter bundle registers
 * @param consensusMetadata the consenter's own channel settings ({@code ConsensusType.metadata}); empty for solo
 * @param batch             block cutting
 */
public record OrdererSettings(String consensusType, ByteString consensusMetadata, BatchConfig batch) {

    /** Solo with the block cutting of Fabric's {@code sampleconfig/configtx.yaml}: 500 envelopes, 10 MB, 2 MB, 2 s. */
    public static final OrdererSettings SOLO_DEFAULTS =
            new OrdererSettings(ConsenterFactory.SOLO, ByteString.EMPTY, BatchConfig.DEFAULT);

    public OrdererSettings {
        Objects.requireNonNull(consensusType, "consensusType");
        Objects.requireNonNull(consensusMetadata, "consensusMetadata");
        Objects.requireNonNull(batch, "batch");
        if (consensusType.isBlank()) {
            throw new IllegalArgumentException("the consensus type must not be empty");
        }
    }
}
