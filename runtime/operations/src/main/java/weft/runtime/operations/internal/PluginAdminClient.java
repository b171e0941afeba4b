package weft.runtime.operations.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.osgi.service.component.annotations.Component;
import weft.launcher.spi.PluginAdmin;
import weft.launcher.spi.PluginAdminCall;
import weft.launcher.spi.ToolException;
import weft.runtime.config.ConfigException;
import weft.runtime.config.CoreConfigLoader;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspConfigException;
import weft.runtime.msp.MspFolder;
import weft.runtime.operations.admin.AdminEnvelopes;
import weft.runtime.operations.admin.AdminRefusal;
import weft.runtime.operations.admin.PluginAdminRoute;
import weft.runtime.operations.admin.PluginCommand;
import weft.runtime.operations.admin.PluginReport;

/**
 * The client side of {@code weft-peer plugin}: signs the command as the admin identity and posts it to the running
 * peer's {@code /admin/plugins}, over TLS when the endpoint uses it.
 */
@Component
public final class PluginAdminClient implements PluginAdmin {

    /** The development network's Org1 admin, under the data directory. */
    static final String DEV_ADMIN_MSP = "crypto/peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp";

    /** The peer waits up to 30 s for a bundle to become active, then reports; this leaves room for that. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    @Override
    public Result send(PluginAdminCall call) throws ToolException {
        PluginCommand command = command(call);
        OperationsSettings settings;
        try {
            settings = OperationsSettings.read(call.config());
        } catch (OperationsConfigException e) {
            throw new ToolException(e.getMessage(), e);
        }
        URI uri = endpoint(call, settings);
        LocalSigningIdentity admin = admin(call);
        byte[] body = AdminEnvelopes.sign(admin, command, Instant.now()).toByteArray();
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (uri.getScheme().equals("https")) {
            if (call.caFile() == null) {
                throw new ToolException("the operations endpoint " + uri.getAuthority() + " uses TLS: give --cafile "
                        + "with the CA certificate its TLS certificate is issued by");
            }
            client.sslContext(ClientTls.context(call.caFile(), call.certFile(), call.keyFile()));
        }
        HttpResponse<String> response;
        try {
            response = client.build().send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return unreachable(uri, "nothing answers there (is the peer running? weft-peer node start)");
        } catch (SSLException e) {
            return unreachable(uri, "TLS failed: " + e.getMessage() + " (check --cafile, and --certfile/--keyfile "
                    + "when the endpoint requires client certificates)");
        } catch (IOException e) {
            return unreachable(uri, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for the peer", e);
        }
        JsonObject answer = json(response.body());
        if (response.statusCode() == 200 && answer != null) {
            return new Result(PluginReport.outcome(answer), PluginReport.lines(answer));
        }
        String reason = answer != null && answer.has("error") ? answer.get("error").getAsString()
                : response.body().strip();
        if (response.statusCode() == 404 && answer == null) {
            reason = "the peer at " + uri.getAuthority() + " serves no " + PluginAdminRoute.PATH + " (" + reason + ")";
        }
        return new Result(Outcome.REFUSED, List.of("refused by the peer (HTTP " + response.statusCode() + "): " + reason));
    }

    private static Result unreachable(URI uri, String why) {
        return new Result(Outcome.UNREACHABLE, List.of("cannot reach the peer's operations endpoint " + uri + ": " + why));
    }

    private static JsonObject json(String body) {
        try {
            JsonElement element = JsonParser.parseString(body);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** The command to sign; the jar is read here, so that a missing file is reported before anything is sent. */
    static PluginCommand command(PluginAdminCall call) throws ToolException {
        String operation = call.command().toLowerCase(Locale.ROOT);
        switch (operation) {
            case "list" -> {
                return PluginCommand.list();
            }
            case "install", "update" -> {
                if (call.jar() == null) {
                    throw new ToolException("plugin " + operation + " needs the plugin bundle jar");
                }
                byte[] jar;
                try {
                    jar = Files.readAllBytes(call.jar());
                } catch (IOException e) {
                    throw new ToolException("cannot read the plugin jar " + call.jar() + ": " + e.getMessage(), e);
                }
                String name = call.fileName() != null ? call.fileName() : call.jar().getFileName().toString();
                return checked(new PluginCommand(PluginCommand.Operation.valueOf(operation.toUpperCase(Locale.ROOT)),
                        name, jar));
            }
            case "uninstall" -> {
                if (call.fileName() == null || call.fileName().isBlank()) {
                    throw new ToolException("plugin uninstall needs the jar's file name in the peer's deploy/ "
                            + "(weft-peer plugin list shows them)");
                }
                return checked(new PluginCommand(PluginCommand.Operation.UNINSTALL, call.fileName(), new byte[0]));
            }
            default -> throw new ToolException("unknown plugin command '" + call.command()
                    + "'; expected list, install, update or uninstall");
        }
    }

    /** The peer's own checks, applied before sending, so that a typo is reported without a round trip. */
    private static PluginCommand checked(PluginCommand command) throws ToolException {
        try {
            return PluginCommand.parse(command.toBytes());
        } catch (AdminRefusal e) {
            throw new ToolException(e.getMessage(), e);
        }
    }

    static URI endpoint(PluginAdminCall call, OperationsSettings settings) throws ToolException {
        String base;
        if (call.peer() != null && !call.peer().isBlank()) {
            String peer = call.peer().strip();
            base = peer.startsWith("http://") || peer.startsWith("https://") ? peer
                    : (call.caFile() != null ? "https://" : "http://") + peer;
        } else {
            if (!settings.enabled()) {
                throw new ToolException(call.config() + ": operations.listenAddress is empty, so the peer serves no "
                        + "operations endpoint; set it, or give --peer host:port");
            }
            String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1"
                    : settings.host();
            if (host.contains(":") && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            base = (settings.tls().isPresent() || call.caFile() != null ? "https://" : "http://") + host + ":"
                    + settings.port();
        }
        try {
            URI uri = URI.create(base.replaceAll("/+$", "") + PluginAdminRoute.PATH);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("no host:port");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ToolException("--peer '" + call.peer() + "' is not host:port: " + e.getMessage(), e);
        }
    }

    private static LocalSigningIdentity admin(PluginAdminCall call) throws ToolException {
        Path folder = call.adminMsp() != null ? call.adminMsp() : call.data().resolve(DEV_ADMIN_MSP);
        String mspId = call.adminMspId();
        if (mspId == null || mspId.isBlank()) {
            try {
                mspId = new CoreConfigLoader().load(call.config()).node().localMspId();
            } catch (ConfigException e) {
                throw new ToolException(e.getMessage(), e);
            }
        }
        try {
            return MspFolder.signingIdentity(folder, MspFolder.load(folder, mspId));
        } catch (MspConfigException e) {
            throw new ToolException("cannot load the admin identity " + mspId + " from " + folder + " (set "
                    + "CORE_PEER_MSPCONFIGPATH and CORE_PEER_LOCALMSPID, or --mspconfig and --mspid): "
                    + e.getMessage(), e);
        }
    }
}
