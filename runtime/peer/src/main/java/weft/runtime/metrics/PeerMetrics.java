package weft.runtime.metrics;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Records what the peer does, for its metrics. The peer's bundles call it where things happen (the committer's
 * deliver loop, the endorser's caller, the handler registry); one implementation, registered as an OSGi service by
 * the operations bundle, names and exports the metrics. Every method has a no-op default: a bundle holding
 * {@link #NONE} (no metrics service) works unchanged. Implementations must be cheap and must not throw.
 * <pre>{@code
 * long start = System.nanoTime();
 * Block stored = committer.commit(block);
 * metrics.blockCommitted(channel, stored.getHeader().getNumber() + 1, System.nanoTime() - start, codes);
 * }</pre>
 */
@ProviderType
public interface PeerMetrics {

    /** Records nothing: what a bundle uses while no metrics service is registered. */
    PeerMetrics NONE = new PeerMetrics() {
        @Override
        public String toString() {
            return "no metrics";
        }
    };

    /**
     * A block was validated and committed to a channel's ledger.
     *
     * @param height                the channel's height after the block
     * @param commitNanos           validation and commit of the block, in nanoseconds
     * @param transactionsByCode    how many of the block's transactions got each validation code (Fabric's
     *                              {@code TxValidationCode} names, e.g. {@code VALID}, {@code MVCC_READ_CONFLICT})
     */
    default void blockCommitted(String channel, long height, long commitNanos, Map<String, Integer> transactionsByCode) {
    }

    /**
     * A validation plugin decided on one namespace of one transaction.
     *
     * @param plugin the plugin name the chaincode definition names ({@code vscc}, {@code utxo}, ...)
     * @param valid  the plugin's verdict; an execution failure (cannot decide) counts as not valid
     */
    default void validationPluginCall(String channel, String plugin, long nanos, boolean valid) {
    }

    /**
     * The endorser answered a proposal.
     *
     * @param chaincode the chaincode the proposal invokes, or empty when the proposal did not parse that far
     * @param success   whether the response status is below 400 (Fabric's error threshold)
     */
    default void proposalProcessed(String channel, String chaincode, long nanos, boolean success) {
    }

    /**
     * The implementation behind a handler changed: a new plugin instance from another factory service took over
     * the handler on a channel.
     *
     * @param kind   {@code endorser} or {@code validator}
     * @param plugin the handler's plugin name in core.yaml ({@code escc}, {@code vscc}, ...)
     */
    default void pluginSwapped(String kind, String plugin, String channel) {
    }
}
