package weft.runtime.handlers;

import java.util.Objects;

/**
 * How replacing one plugin handler's implementation has gone since the peer started, for operators and
 * metrics.
 *
 * @param kind        {@code endorser} or {@code validator}
 * @param pluginName  the {@code core.yaml} key ({@code vscc}, …)
 * @param swaps       how often channels moved to a new instance because another bundle came to serve the handler
 * @param failedSwaps how often such a move failed (factory or {@code init} failure) and the old instance stayed
 * @param lastFailure the most recent failure, naming the bundles and the cause; empty if none
 */
public record SwapStatus(String kind, String pluginName, long swaps, long failedSwaps, String lastFailure) {

    public SwapStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(lastFailure, "lastFailure");
    }
}
