package weft.runtime.operations.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import weft.api.ordering.ConsenterFactory;
import weft.api.plugin.HandlerProperties;
import weft.runtime.channel.ChannelHost;
import weft.runtime.health.HealthCheck;

/**
 * {@code consenters}: for every open channel, a consenter bundle serving the channel's consensus type is
 * registered (a channel whose consenter bundle was stopped or uninstalled can no longer order).
 */
@Component(service = HealthCheck.class)
public final class ConsentersCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChannelHost host;

    @Reference(service = ConsenterFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ServiceReference<ConsenterFactory>> consenters;

    @Override
    public String component() {
        return "consenters";
    }

    @Override
    public Optional<String> problem() {
        ChannelHost channels = host;
        if (channels == null) {
            return Optional.empty(); // nothing orders yet; the channels check says so
        }
        TreeSet<String> served = new TreeSet<>();
        List<ServiceReference<ConsenterFactory>> registered = consenters;
        if (registered != null) {
            for (ServiceReference<ConsenterFactory> reference : registered) {
                Object name = reference.getProperty(HandlerProperties.NAME);
                if (name != null) {
                    served.add(name.toString());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String channel : channels.channels()) {
            channels.consensusType(channel).filter(type -> !served.contains(type)).ifPresent(type ->
                    missing.add("channel " + channel + " is ordered by '" + type + "' but no consenter bundle serves "
                            + "it (served: " + served + ")"));
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }
}
