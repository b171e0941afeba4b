package weft.plugins.escc;

import org.osgi.service.component.annotations.Component;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.endorsement.EndorsementPluginFactory;
import weft.api.plugin.HandlerProperties;

/** Publishes {@link DefaultEndorsement} under the handler name core.yaml uses for it: {@code DefaultEndorsement}. */
@Component(property = HandlerProperties.NAME + "=" + DefaultEndorsementFactory.HANDLER_NAME)
public final class DefaultEndorsementFactory implements EndorsementPluginFactory {

    /** The name in core.yaml: {@code escc: { name: DefaultEndorsement }}. */
    public static final String HANDLER_NAME = "DefaultEndorsement";

    @Override
    public EndorsementPlugin newPlugin() {
        return new DefaultEndorsement();
    }
}
