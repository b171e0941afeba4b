package weft.runtime.operations.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The transaction ids of admin requests accepted within the timestamp window. A request outside the window is
 * refused for its timestamp, so ids need only be remembered that long. Kept in memory: a restarted peer accepts
 * a request it accepted before the restart if it is replayed within the window.
 */
final class ReplayGuard {

    private final Duration window;
    private final Map<String, Instant> seen = new HashMap<>();

    ReplayGuard(Duration window) {
        this.window = window;
    }

    /**
     * Records {@code txId} as used now.
     *
     * @return false if it was already used within the window
     */
    synchronized boolean firstUse(String txId, Instant now) {
        seen.values().removeIf(expiry -> expiry.isBefore(now));
        if (seen.containsKey(txId)) {
            return false;
        }
        // Both ends: a request stamped up to one window ahead stays acceptable that much longer.
        seen.put(txId, now.plus(window).plus(window));
        return true;
    }
}
