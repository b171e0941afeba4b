package weft.runtime.operations.internal;

import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import weft.launcher.spi.HandlerStatus;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.health.HealthCheck;

/** {@code handlers}: every handler core.yaml configures is served by a plugin (or built in). */
@Component(service = HealthCheck.class)
public final class HandlersCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HandlerRegistry registry;

    @Override
    public String component() {
        return "handlers";
    }

    @Override
    public Optional<String> problem() {
        HandlerRegistry handlers = registry;
        if (handlers == null) {
            return Optional.of("core.yaml's handlers are not bound (yet)");
        }
        List<String> failed = handlers.statuses().stream()
                .filter(status -> status.state() == HandlerStatus.State.FAILED)
                .map(HandlerStatus::problem)
                .toList();
        return failed.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failed));
    }
}
