package weft.runtime.operations.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import weft.runtime.config.CoreConfig;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.health.HealthCheck;
import weft.runtime.operations.admin.AdminRequestVerifier;
import weft.runtime.operations.admin.LocalMspFolder;
import weft.runtime.operations.admin.PluginAdminRoute;
import weft.runtime.operations.admin.PluginDeployer;

/**
 * Serves the operations endpoint once the peer has loaded its core.yaml, in the framework of a running peer
 * ({@code weft-peer node start} sets {@value #SERVE}); the command-line tools' short-lived frameworks do not
 * serve. Besides the checks other bundles register, it checks the data directory's free space.
 */
@Component(immediate = true)
public final class OperationsServer {

    /** Framework property: {@code true} in the framework of a running peer, which serves the endpoint. */
    public static final String SERVE = "weft.operations.serve";
    /** Framework property: the peer's data directory (for the {@code disk} check). */
    public static final String DATA_DIRECTORY = "weft.data";
    /** Framework property: the directory Apache Felix FileInstall watches (set by the launcher). */
    public static final String DEPLOY_DIRECTORY = "felix.fileinstall.dir";

    private static final System.Logger LOG = System.getLogger(OperationsServer.class.getName());

    private final BundleContext context;
    private final DiskSpaceCheck disk;
    private final OperationsEndpoint endpoint;

    @Activate
    public OperationsServer(BundleContext context, @Reference CoreConfig config,
                            @Reference PrometheusPeerMetrics metrics) throws OperationsConfigException {
        this.context = context;
        if (!Boolean.parseBoolean(context.getProperty(SERVE))) {
            this.disk = null;
            this.endpoint = null;
            return;
        }
        OperationsSettings settings = OperationsSettings.read(config.source());
        if (!settings.enabled()) {
            LOG.log(System.Logger.Level.INFO, "no operations endpoint: operations.listenAddress is empty");
            this.disk = null;
            this.endpoint = null;
            return;
        }
        String data = context.getProperty(DATA_DIRECTORY);
        this.disk = new DiskSpaceCheck(data != null ? Path.of(data) : Path.of(".").toAbsolutePath(),
                settings.minFreeDiskMiB());
        VersionInfo version = new VersionInfo(context.getBundle().getHeaders().get("Weft-Version"),
                context.getBundle().getHeaders().get("Weft-Commit"));
        try {
            this.endpoint = OperationsEndpoint.start(settings, this::checks, metrics, version, Clock.systemUTC(),
                    pluginAdmin(context, config, data));
        } catch (OperationsConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "the operations endpoint does not run: " + e.getMessage());
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "operations endpoint on {0}://{1}:{2} (/healthz, /metrics, /version, "
                        + "/admin/plugins)",
                endpoint.tls() ? "https" : "http", endpoint.address().getHostString(),
                String.valueOf(endpoint.address().getPort()));
    }

    /**
     * {@code POST /admin/plugins}: admins of the peer's own MSP install, update and remove plugin bundles in the
     * directory FileInstall watches (the launcher sets {@value #DEPLOY_DIRECTORY}); none without that directory.
     */
    private PluginAdminRoute pluginAdmin(BundleContext context, CoreConfig config, String data) {
        String deploy = context.getProperty(DEPLOY_DIRECTORY);
        if (deploy == null || deploy.isBlank()) {
            LOG.log(System.Logger.Level.INFO, "no /admin/plugins: the framework watches no deploy directory");
            return null;
        }
        Path dataDirectory = data != null ? Path.of(data) : Path.of(".").toAbsolutePath();
        LocalMspFolder msp = new LocalMspFolder(dataDirectory.resolve(config.node().mspConfigPath()),
                config.node().localMspId());
        return new PluginAdminRoute(new AdminRequestVerifier(msp, Clock.systemUTC()),
                new PluginDeployer(context, Path.of(deploy), this::handlerRegistry, Duration.ofSeconds(30))::perform);
    }

    /** The peer's handler registry, once the peer bundle has registered it. */
    private Optional<HandlerRegistry> handlerRegistry() {
        try {
            ServiceReference<HandlerRegistry> reference = context.getServiceReference(HandlerRegistry.class);
            if (reference == null) {
                return Optional.empty();
            }
            HandlerRegistry registry = context.getService(reference);
            // A plain registered object that lives as long as the peer: releasing it at once does not dispose it.
            context.ungetService(reference);
            return Optional.ofNullable(registry);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The disk check and every {@link HealthCheck} service registered now. */
    private List<HealthCheck> checks() {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(disk);
        Collection<ServiceReference<HealthCheck>> references;
        try {
            references = context.getServiceReferences(HealthCheck.class, null);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return checks;
        }
        for (ServiceReference<HealthCheck> reference : references) {
            HealthCheck check = context.getService(reference);
            if (check != null) {
                try {
                    checks.add(new ResolvedCheck(check.component(), check.problem()));
                } catch (RuntimeException e) {
                    checks.add(new ResolvedCheck(check.getClass().getName(),
                            Optional.of("the health check failed: " + e)));
                } finally {
                    context.ungetService(reference);
                }
            }
        }
        return checks;
    }

    /** A check already run, so that the service can be released before the report is built. */
    private record ResolvedCheck(String component, Optional<String> problem) implements HealthCheck {
    }

    @Deactivate
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
