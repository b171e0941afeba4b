package weft.runtime.metrics;

import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Records a rare event (a plugin swap) on the metrics service registered now, looked up for that one call. For
 * code that has a {@link BundleContext} but is not a DS component; frequent events go through a bound
 * {@link CurrentMetrics} instead.
 */
public final class ServiceMetrics {

    private ServiceMetrics() {
    }

    /** Calls {@code event} on the registered {@link PeerMetrics} service, if there is one. */
    public static void record(BundleContext context, Consumer<PeerMetrics> event) {
        ServiceReference<PeerMetrics> reference;
        try {
            reference = context.getServiceReference(PeerMetrics.class);
        } catch (IllegalStateException e) {
            return; // the bundle is stopping: nothing to record to
        }
        if (reference == null) {
            return;
        }
        PeerMetrics metrics = context.getService(reference);
        if (metrics == null) {
            return;
        }
        try {
            event.accept(metrics);
        } finally {
            context.ungetService(reference);
        }
    }
}
