package weft.runtime.operations.internal;

import java.nio.file.Path;
import java.time.Clock;
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
import weft.runtime.health.HealthCheck;

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
            this.endpoint = OperationsEndpoint.start(settings, this::checks, metrics, version, Clock.systemUTC());
        } catch (OperationsConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "the operations endpoint does not run: " + e.getMessage());
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "operations endpoint on {0}://{1}:{2} (/healthz, /metrics, /version)",
                endpoint.tls() ? "https" : "http", endpoint.address().getHostString(),
                String.valueOf(endpoint.address().getPort()));
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
