package weft.runtime.operations.admin;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code POST /admin/plugins} on the operations endpoint: the body is a signed admin envelope
 * ({@link AdminRequestVerifier}); the answer is the {@link PluginDeployer}'s JSON report (200), or
 * {@code {"error": "..."}} with the refusal's status. Nothing changes on a refusal.
 */
public final class PluginAdminRoute implements HttpHandler {

    /** The path this route serves. */
    public static final String PATH = "/admin/plugins";
    /** Plugin bundles are small; a larger body is refused before it is read to the end. */
    static final int MAX_BODY = 64 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(PluginAdminRoute.class.getName());

    /** Carries out a verified command ({@link PluginDeployer#perform}). */
    @FunctionalInterface
    public interface Performer {
        JsonObject perform(PluginCommand command) throws AdminRefusal;
    }

    private final AdminRequestVerifier verifier;
    private final Performer deployer;

    public PluginAdminRoute(AdminRequestVerifier verifier, Performer deployer) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.deployer = Objects.requireNonNull(deployer, "deployer");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, error(exchange.getRequestMethod() + " is not supported on " + PATH
                    + "; POST a signed admin envelope (weft-peer plugin does)"));
            return;
        }
        JsonObject answer;
        int status = 200;
        try {
            byte[] body = read(exchange.getRequestBody());
            AdminRequestVerifier.Verified request = verifier.verify(body);
            LOG.log(System.Logger.Level.INFO, "admin request {0} from {1} (tx {2})", request.command(),
                    request.admin(), request.txId());
            answer = deployer.perform(request.command());
            answer.addProperty("admin", request.admin());
        } catch (AdminRefusal refusal) {
            LOG.log(System.Logger.Level.WARNING, "refused admin request from {0}: {1} {2}",
                    exchange.getRemoteAddress(), refusal.status(), refusal.getMessage());
            status = refusal.status();
            answer = error(refusal.getMessage());
        }
        send(exchange, status, answer);
    }

    private static byte[] read(InputStream in) throws IOException, AdminRefusal {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (out.size() + n > MAX_BODY) {
                throw new AdminRefusal(413, "the request is larger than " + MAX_BODY / (1024 * 1024) + " MiB");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static JsonObject error(String message) {
        JsonObject json = new JsonObject();
        json.addProperty("error", message);
        return json;
    }

    private static void send(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
