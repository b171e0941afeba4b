/**
 * Health checks for the operations endpoint's {@code /healthz}: a bundle registers a
 * {@link weft.runtime.health.HealthCheck} service for a component it knows (its channels, its consenters, its
 * storage), and the operations bundle runs every registered check on each request.
 */
@Export
@Version("1.0.0")
package weft.runtime.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
