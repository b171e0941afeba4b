package weft.runtime.health;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Says whether one component of the peer works, for {@code GET /healthz} (Fabric's {@code HealthChecker}). Register
 * an implementation as an OSGi service; the operations endpoint runs every registered check on each request and
 * answers 503 naming each component whose check reports a problem. Checks must be quick and must not block on the
 * component they check: they read its state.
 * <pre>{@code
 * @Component
 * public final class StoreCheck implements HealthCheck {
 *     public String component() { return "mystore"; }
 *     public Optional<String> problem() { return store.open() ? Optional.empty() : Optional.of("store closed"); }
 * }
 * }</pre>
 */
@ConsumerType
public interface HealthCheck {

    /** The component's name in {@code failed_checks} ({@code channels}, {@code handlers}, ...). */
    String component();

    /** Why the component does not work, or empty when it does. */
    Optional<String> problem();
}
