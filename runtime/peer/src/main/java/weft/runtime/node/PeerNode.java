package weft.runtime.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import weft.launcher.spi.HandlerStatus;
import weft.launcher.spi.PeerControl;
import weft.launcher.spi.PeerStartException;
import weft.runtime.config.ConfigException;
import weft.runtime.config.CoreConfig;
import weft.runtime.config.CoreConfigLoader;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.internal.OsgiHandlerRegistry;

/**
 * The peer inside the framework, driven by the launcher through {@link PeerControl}: loads {@code core.yaml},
 * opens the handler registry and publishes it for the peer's other components.
 */
@Component(service = PeerControl.class, immediate = true)
public final class PeerNode implements PeerControl {

    /** Framework property: how long to wait for plugin factories to register at start, in milliseconds. */
    public static final String SETTLE_MILLIS = "weft.handlers.settle.millis";

    private static final System.Logger LOG = System.getLogger(PeerNode.class.getName());
    private static final long DEFAULT_SETTLE_MILLIS = 2000;

    private final BundleContext context;
    private OsgiHandlerRegistry registry;
    private ServiceRegistration<HandlerRegistry> registration;
    private ServiceRegistration<CoreConfig> configRegistration;
    private CoreConfig config;

    @Activate
    public PeerNode(BundleContext context) {
        this.context = context;
    }

    @Override
    public synchronized List<HandlerStatus> start(Path coreYaml) throws PeerStartException {
        if (registry != null) {
            throw new PeerStartException("the peer is already started with " + config.source());
        }
        try {
            config = new CoreConfigLoader().load(coreYaml);
        } catch (ConfigException e) {
            throw new PeerStartException(e.getMessage(), e);
        }
        registry = OsgiHandlerRegistry.open(context, config.handlers(), settleTime());
        registration = context.registerService(HandlerRegistry.class, registry, null);
        configRegistration = context.registerService(CoreConfig.class, config, null);
        List<HandlerStatus> statuses = registry.statuses();
        for (HandlerStatus status : statuses) {
            if (status.state() == HandlerStatus.State.FAILED) {
                LOG.log(System.Logger.Level.WARNING, status.problem());
            } else {
                LOG.log(System.Logger.Level.DEBUG, "{0} {1} ({2}) served by {3} {4}", status.kind(),
                        status.pluginName(), status.handlerName(), status.bundle(), status.bundleVersion());
            }
        }
        return statuses;
    }

    @Override
    public synchronized List<HandlerStatus> handlers() {
        return registry == null ? List.of() : registry.statuses();
    }

    @Deactivate
    synchronized void deactivate() {
        if (configRegistration != null) {
            configRegistration.unregister();
            configRegistration = null;
        }
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    private Duration settleTime() {
        String value = context.getProperty(SETTLE_MILLIS);
        try {
            return Duration.ofMillis(value == null ? DEFAULT_SETTLE_MILLIS : Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, SETTLE_MILLIS + "=" + value + " is not a number; using "
                    + DEFAULT_SETTLE_MILLIS);
            return Duration.ofMillis(DEFAULT_SETTLE_MILLIS);
        }
    }
}
