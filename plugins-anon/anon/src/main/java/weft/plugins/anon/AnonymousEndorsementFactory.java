package weft.plugins.anon;

import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.endorsement.EndorsementPluginFactory;
import weft.api.plugin.HandlerProperties;

/**
 * Publishes {@link AnonymousEndorsement} under the handler name {@code AnonymousEndorsement}; where its key is
 * read from is described by {@link EndorserKeyFiles}.
 */
@Component(property = HandlerProperties.NAME + "=" + AnonymousEndorsementFactory.HANDLER_NAME,
        configurationPid = EndorserKeyFiles.PID)
public final class AnonymousEndorsementFactory implements EndorsementPluginFactory {

    /** The name in core.yaml: {@code anon: { name: AnonymousEndorsement }}. */
    public static final String HANDLER_NAME = "AnonymousEndorsement";

    private final EndorserKeyFiles files;

    @Activate
    public AnonymousEndorsementFactory(BundleContext context, Map<String, Object> properties) {
        this(EndorserKeyFiles.resolve(properties, context::getProperty));
    }

    /**
     * A factory outside OSGi (embedding, tests): the settings {@code weft.anon.keyFile} and
     * {@code weft.anon.parameterFile} from {@code properties}, else from system properties.
     */
    public AnonymousEndorsementFactory(Map<String, ?> properties) {
        this(EndorserKeyFiles.resolve(properties, System::getProperty));
    }

    AnonymousEndorsementFactory(EndorserKeyFiles files) {
        this.files = files;
    }

    @Override
    public EndorsementPlugin newPlugin() {
        return new AnonymousEndorsement(files);
    }
}
