package weft.api.ordering;

import java.time.Duration;
import java.util.Objects;

/**
 * A channel's block cutting settings: Fabric's {@code BatchSize} and {@code BatchTimeout}.
 *
 * @param batchSize    the count and size limits of a block
 * @param batchTimeout how long the first envelope of an unfinished block may wait before the block is cut anyway
 */
public record BatchConfig(BatchSize batchSize, Duration batchTimeout) {

    /** Fabric's defaults: {@link BatchSize#DEFAULT} and a two-second timeout. */
    public static final BatchConfig DEFAULT = new BatchConfig(BatchSize.DEFAULT, Duration.ofSeconds(2));

    public BatchConfig {
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("BatchTimeout must be positive, got " + batchTimeout);
        }
    }
}
