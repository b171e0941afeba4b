package weft.runtime.operations.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import weft.runtime.health.HealthCheck;
import weft.runtime.operations.admin.PluginAdminRoute;

/**
 * Fabric's operations HTTP endpoint on {@code operations.listenAddress}: {@code GET /healthz}, {@code GET /metrics}
 * and {@code GET /version}, and Weft's admin-authenticated {@code POST /admin/plugins}, over TLS when {@code operations.tls} is enabled (with client certificates when
 * {@code clientAuthRequired}). Served by the JDK's own HTTP server on two daemon threads: the endpoint is scraped
 * every few seconds, never hit hard, and needs no servlet container.
 */
final class OperationsEndpoint implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OperationsEndpoint.class.getName());
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<List<HealthCheck>> checks;
    private final PrometheusPeerMetrics metrics;
    private final VersionInfo version;
    private final Clock clock;
    private final HttpHandler pluginAdmin;

    private OperationsEndpoint(HttpServer server, ExecutorService executor, Supplier<List<HealthCheck>> checks,
                               PrometheusPeerMetrics metrics, VersionInfo version, Clock clock,
                               HttpHandler pluginAdmin) {
        this.server = server;
        this.executor = executor;
        this.checks = checks;
        this.metrics = metrics;
        this.version = version;
        this.clock = clock;
        this.pluginAdmin = pluginAdmin;
    }

    /**
     * Starts serving.
     *
     * @param checks the health checks registered now (asked on every {@code /healthz})
     * @throws OperationsConfigException when the address cannot be bound or the TLS files cannot be used
     */
    static OperationsEndpoint start(OperationsSettings settings, Supplier<List<HealthCheck>> checks,
                                    PrometheusPeerMetrics metrics, VersionInfo version, Clock clock)
            throws OperationsConfigException {
        return start(settings, checks, metrics, version, clock, null);
    }

    /**
     * Starts serving, with {@code POST /admin/plugins} handled by {@code pluginAdmin} (none when null).
     *
     * @throws OperationsConfigException when the address cannot be bound or the TLS files cannot be used
     */
    static OperationsEndpoint start(OperationsSettings settings, Supplier<List<HealthCheck>> checks,
                                    PrometheusPeerMetrics metrics, VersionInfo version, Clock clock,
                                    HttpHandler pluginAdmin) throws OperationsConfigException {
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        HttpServer server;
        try {
            if (settings.tls().isPresent()) {
                OperationsSettings.Tls tls = settings.tls().get();
                SSLContext context = ServerTls.context(tls);
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(context) {
                    @Override
                    public void configure(HttpsParameters parameters) {
                        SSLParameters ssl = context.getDefaultSSLParameters();
                        ssl.setNeedClientAuth(tls.clientAuthRequired());
                        parameters.setSSLParameters(ssl);
                    }
                });
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (IOException e) {
            throw new OperationsConfigException("operations.listenAddress " + settings.host() + ":" + settings.port()
                    + ": cannot listen: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "weft-operations");
            thread.setDaemon(true);
            return thread;
        });
        OperationsEndpoint endpoint = new OperationsEndpoint(server, executor, checks, metrics, version, clock,
                pluginAdmin);
        server.createContext("/", endpoint::route);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    /** Where it listens (the actual port when the settings said 0). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    boolean tls() {
        return server instanceof HttpsServer;
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (pluginAdmin != null && path.equals(PluginAdminRoute.PATH)) {
                pluginAdmin.handle(exchange);
                return;
            }
            HttpHandler handler = switch (path) {
                case "/healthz" -> this::health;
                case "/metrics" -> this::metrics;
                case "/version" -> this::version;
                default -> null;
            };
            if (handler == null) {
                send(exchange, 404, "text/plain; charset=utf-8", ("no such endpoint: " + path
                        + " (the operations endpoint serves /healthz, /metrics and /version"
                        + (pluginAdmin != null ? ", and POST " + PluginAdminRoute.PATH : "") + ")\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8",
                        (exchange.getRequestMethod() + " is not supported on " + path + "; use GET\n")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            handler.handle(exchange);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "operations endpoint: " + exchange.getRequestURI() + " failed", e);
            throw e;
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        HealthReport report = HealthReport.of(checks.get(), clock.instant());
        if (!report.healthy()) {
            LOG.log(System.Logger.Level.WARNING, "health check failed: {0}", report.failed());
        }
        send(exchange, report.httpStatus(), JSON, report.json().getBytes(StandardCharsets.UTF_8));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        send(exchange, 200, metrics.contentType(), metrics.scrape());
    }

    private void version(HttpExchange exchange) throws IOException {
        send(exchange, 200, JSON, version.json().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
