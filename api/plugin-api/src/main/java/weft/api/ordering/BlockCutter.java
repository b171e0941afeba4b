package weft.api.ordering;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Fabric's block cutting: groups envelopes, in the order they were ordered, into the batches that become
 * blocks. The rules, applied to each envelope in turn (size = payload bytes + signature bytes, as Fabric counts):
 * <ol>
 * <li>an envelope larger than {@code PreferredMaxBytes} first cuts any pending batch, then gets a batch of its own;
 * <li>an envelope that would take the pending batch past {@code PreferredMaxBytes} first cuts the pending batch;
 * <li>the envelope joins the pending batch, which is cut once it holds {@code MaxMessageCount} envelopes.
 * </ol>
 * {@code BatchTimeout} is the consenter's business: when it expires it calls {@link #cut()}. The cutter is
 * deterministic — the same envelopes in the same order give the same batches — which a replicated consenter
 * relies on. Not thread-safe: one instance per channel, used by one thread at a time.
 * <pre>{@code
 * BlockCutter cutter = new BlockCutter(support.batchConfig().batchSize());
 * BlockCutter.Result result = cutter.ordered(envelope);
 * for (List<ByteString> batch : result.batches()) {
 *     support.writeBlock(batch, ByteString.EMPTY);
 * }
 * if (result.pending()) { startTimerIfNotRunning(); } else { stopTimer(); }
 * }</pre>
 */
public final class BlockCutter {

    private final BatchSize batchSize;
    private final List<ByteString> pending = new ArrayList<>();
    private long pendingBytes;

    public BlockCutter(BatchSize batchSize) {
        this.batchSize = Objects.requireNonNull(batchSize, "batchSize");
    }

    /**
     * What ordering one envelope produced.
     *
     * @param batches the batches cut by it, in order (zero, one or two)
     * @param pending whether envelopes are left waiting for the next cut
     */
    public record Result(List<List<ByteString>> batches, boolean pending) {
        public Result {
            batches = List.copyOf(batches);
        }
    }

    /** Adds an envelope in order; returns the batches this completes. */
    public Result ordered(ByteString envelope) {
        long size = messageSize(envelope);
        List<List<ByteString>> batches = new ArrayList<>(2);
        if (size > batchSize.preferredMaxBytes()) {
            if (!pending.isEmpty()) {
                batches.add(cut());
            }
            batches.add(List.of(envelope));
            return new Result(batches, false);
        }
        if (pendingBytes + size > batchSize.preferredMaxBytes()) {
            batches.add(cut());
        }
        pending.add(envelope);
        pendingBytes += size;
        if (pending.size() >= batchSize.maxMessageCount()) {
            batches.add(cut());
        }
        return new Result(batches, !pending.isEmpty());
    }

    /** Cuts the pending batch (on BatchTimeout, or before a config block); empty when nothing is pending. */
    public List<ByteString> cut() {
        List<ByteString> batch = List.copyOf(pending);
        pending.clear();
        pendingBytes = 0;
        return batch;
    }

    /** The envelopes waiting for the next cut, in order. */
    public List<ByteString> pending() {
        return List.copyOf(pending);
    }

    /** The batch size this cutter applies. */
    public BatchSize batchSize() {
        return batchSize;
    }

    /**
     * An envelope's size as Fabric's cutter counts it: the lengths of its payload and signature. Bytes that
     * are not an envelope count whole (the broadcast checks refuse them before they reach a cutter).
     */
    public static long messageSize(ByteString envelope) {
        try {
            Envelope parsed = Envelope.parseFrom(envelope);
            return (long) parsed.getPayload().size() + parsed.getSignature().size();
        } catch (InvalidProtocolBufferException e) {
            return envelope.size();
        }
    }
}
