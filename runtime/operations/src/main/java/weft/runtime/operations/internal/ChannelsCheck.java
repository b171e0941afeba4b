package weft.runtime.operations.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import weft.runtime.channel.ChannelHost;
import weft.runtime.health.HealthCheck;

/** {@code channels}: the channels are open and every one of them is still committing (none halted). */
@Component(service = HealthCheck.class)
public final class ChannelsCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChannelHost host;

    @Override
    public String component() {
        return "channels";
    }

    @Override
    public Optional<String> problem() {
        ChannelHost channels = host;
        if (channels == null) {
            return Optional.of("the peer's channels are not open (yet)");
        }
        List<String> halted = new ArrayList<>();
        for (String channel : channels.channels()) {
            channels.halted(channel).ifPresent(reason -> halted.add("channel " + channel + " stopped committing at "
                    + "height " + channels.height(channel) + ": " + reason));
        }
        return halted.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", halted));
    }
}
