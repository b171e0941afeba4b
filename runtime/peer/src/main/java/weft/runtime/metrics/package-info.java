/**
 * What the peer's bundles record for operators: blocks committed, transactions by validation code, validation
 * plugin and endorsement timings, plugin swaps. The bundles call {@link weft.runtime.metrics.PeerMetrics}; the
 * operations bundle ({@code weft.runtime.operations}) registers the service that turns the calls into Prometheus
 * metrics. Without it every call is a no-op, so the peer runs the same with or without metrics.
 */
@Export
@Version("1.0.0")
package weft.runtime.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
