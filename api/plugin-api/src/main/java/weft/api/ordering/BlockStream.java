package weft.api.ordering;

import java.time.Duration;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A channel's blocks in order from a starting number, as the deliver service streams them.
 * <pre>{@code
 * try (BlockStream blocks = consenter.deliver(committer.height())) {
 *     while (running) {
 *         blocks.next(Duration.ofSeconds(1)).ifPresent(committer::commit);
 *     }
 * }
 * }</pre>
 */
public interface BlockStream extends AutoCloseable {

    /**
     * The next block, waiting up to {@code timeout} for it to be written; empty when none came in time.
     *
     * @throws OrderingException when the stream is closed or the block cannot be read
     */
    Optional<Block> next(Duration timeout)
            throws OrderingException, InterruptedException;

    /** Stops the stream; a caller blocked in {@link #next} returns. */
    @Override
    void close();
}
