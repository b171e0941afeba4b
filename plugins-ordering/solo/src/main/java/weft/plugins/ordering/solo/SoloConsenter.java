package weft.plugins.ordering.solo;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Status;
import weft.api.ordering.BlockCutter;
import weft.api.ordering.BlockStream;
import weft.api.ordering.ChainSupport;
import weft.api.ordering.Consenter;
import weft.api.ordering.OrderingException;

/**
 * Fabric's solo ordering: one node, one thread. Envelopes are cut into blocks in arrival order by the channel's
 * BatchSize, or when BatchTimeout passes after the first envelope of an unfinished block; a config envelope cuts
 * what is pending and gets a block of its own. A broadcast is acknowledged once the block holding it is on disk,
 * so a crash loses only unacknowledged envelopes.
 */
final class SoloConsenter implements Consenter {

    private static final System.Logger LOG = System.getLogger(SoloConsenter.class.getName());

    private final ChainSupport support;
    private final BlockCutter cutter;
    /** Every state change happens on this one thread, so the cutter and the acknowledgements need no locks. */
    private final ScheduledThreadPoolExecutor thread;
    /** The acknowledgements of the envelopes in the cutter, in the cutter's order. */
    private final Deque<CompletableFuture<Void>> pendingAcks = new ArrayDeque<>();
    private ScheduledFuture<?> timer;
    private OrderingException halted;

    SoloConsenter(ChainSupport support) {
        this.support = support;
        this.cutter = new BlockCutter(support.batchConfig().batchSize());
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "solo-" + support.channelId());
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    @Override
    public CompletableFuture<Void> broadcast(ByteString envelope) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            thread.execute(() -> order(envelope, ack));
        } catch (RejectedExecutionException e) {
            ack.completeExceptionally(unavailable());
        }
        return ack;
    }

    private void order(ByteString envelope, CompletableFuture<Void> ack) {
        if (halted != null) {
            ack.completeExceptionally(halted);
            return;
        }
        if (support.isConfig(envelope)) {
            List<ByteString> pending = cutter.cut();
            if (!pending.isEmpty()) {
                write(pending);
            }
            try {
                support.writeConfigBlock(envelope, ByteString.EMPTY);
                ack.complete(null);
            } catch (OrderingException e) {
                halt(e);
                ack.completeExceptionally(e);
            }
            stopTimer();
            return;
        }
        pendingAcks.addLast(ack);
        BlockCutter.Result result = cutter.ordered(envelope);
        for (List<ByteString> batch : result.batches()) {
            write(batch);
        }
        // As Fabric's solo: the timer starts when something is pending and none runs, and stops when nothing is.
        if (!result.pending()) {
            stopTimer();
        } else if (timer == null) {
            timer = thread.schedule(this::timeout, support.batchConfig().batchTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void timeout() {
        timer = null;
        List<ByteString> batch = cutter.cut();
        if (!batch.isEmpty() && halted == null) {
            write(batch);
        }
    }

    /** Writes one block and acknowledges its envelopes, which are the oldest unacknowledged ones. */
    private void write(List<ByteString> batch) {
        try {
            support.writeBlock(batch, ByteString.EMPTY);
            for (int i = 0; i < batch.size(); i++) {
                pendingAcks.removeFirst().complete(null);
            }
        } catch (OrderingException e) {
            for (int i = 0; i < batch.size(); i++) {
                pendingAcks.removeFirst().completeExceptionally(e);
            }
            halt(e);
        }
    }

    /** After a block could not be stored the chain cannot continue without a gap; refuse everything. */
    private void halt(OrderingException cause) {
        LOG.log(System.Logger.Level.ERROR, "channel " + support.channelId() + ": solo ordering halted: "
                + cause.getMessage());
        halted = new OrderingException(Status.SERVICE_UNAVAILABLE, "channel " + support.channelId()
                + ": ordering halted after a storage failure: " + cause.getMessage(), cause);
        cutter.cut();
        pendingAcks.forEach(a -> a.completeExceptionally(halted));
        pendingAcks.clear();
        stopTimer();
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public BlockStream deliver(long fromNumber) {
        return support.blocks(fromNumber);
    }

    @Override
    public long height() {
        return support.height();
    }

    @Override
    public void close() {
        try {
            thread.submit(() -> {
                stopTimer();
                pendingAcks.forEach(a -> a.completeExceptionally(unavailable()));
                pendingAcks.clear();
                cutter.cut();
            }).get(10, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            return;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "channel " + support.channelId() + ": solo did not stop cleanly: " + e);
        }
        thread.shutdownNow();
    }

    private OrderingException unavailable() {
        return new OrderingException(Status.SERVICE_UNAVAILABLE, "channel " + support.channelId()
                + ": the solo consenter is stopped");
    }
}
