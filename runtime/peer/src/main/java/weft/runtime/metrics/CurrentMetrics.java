package weft.runtime.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * A {@link PeerMetrics} that forwards to whichever metrics service is bound now, or records nothing. A DS
 * component binds the service dynamically and hands this object to the plain classes it creates, so that the
 * metrics bundle can come, go or be updated while the peer runs.
 * <pre>{@code
 * @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
 * void bindMetrics(PeerMetrics service) { metrics.bind(service); }
 * void unbindMetrics(PeerMetrics service) { metrics.unbind(service); }
 * }</pre>
 */
public final class CurrentMetrics implements PeerMetrics {

    private volatile PeerMetrics delegate = PeerMetrics.NONE;

    /** Forwards to {@code service} from now on. */
    public void bind(PeerMetrics service) {
        delegate = Objects.requireNonNull(service, "service");
    }

    /** Stops forwarding to {@code service}, if it is the one bound. */
    public void unbind(PeerMetrics service) {
        if (delegate == service) {
            delegate = PeerMetrics.NONE;
        }
    }

    @Override
    public void blockCommitted(String channel, long height, long commitNanos, Map<String, Integer> transactionsByCode) {
        delegate.blockCommitted(channel, height, commitNanos, transactionsByCode);
    }

    @Override
    public void validationPluginCall(String channel, String plugin, long nanos, boolean valid) {
        delegate.validationPluginCall(channel, plugin, nanos, valid);
    }

    @Override
    public void proposalProcessed(String channel, String chaincode, long nanos, boolean success) {
        delegate.proposalProcessed(channel, chaincode, nanos, success);
    }

    @Override
    public void pluginSwapped(String kind, String plugin, String channel) {
        delegate.pluginSwapped(kind, plugin, channel);
    }

    @Override
    public String toString() {
        return "current metrics: " + delegate;
    }
}
