package weft.runtime.network.internal;

import java.util.function.BooleanSupplier;

/**
 * Waits for a condition a stream depends on (a block committed, a transaction's status known) while the client
 * is still there. The ChannelGateway has no notifications, so this polls briefly; a few milliseconds are far below
 * a block's batch timeout.
 */
final class Waiting {

    private static final long POLL_MILLIS = 3;

    private Waiting() {
    }

    /**
     * @return true once {@code ready}; false when {@code abandoned} says the caller went away or {@code deadlineNanos}
     *         ({@link System#nanoTime()} based, or {@link Long#MAX_VALUE}) passed first
     */
    static boolean until(BooleanSupplier ready, BooleanSupplier abandoned, long deadlineNanos)
            throws InterruptedException {
        while (!ready.getAsBoolean()) {
            if (abandoned.getAsBoolean() || System.nanoTime() - deadlineNanos > 0 && deadlineNanos != Long.MAX_VALUE) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
