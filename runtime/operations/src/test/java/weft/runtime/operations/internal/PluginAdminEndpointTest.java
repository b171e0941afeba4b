package weft.runtime.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.launcher.spi.PluginAdmin;
import weft.launcher.spi.PluginAdminCall;
import weft.runtime.crypto.Curve;
import weft.runtime.cryptogen.CryptoMaterialGenerator;
import weft.runtime.cryptogen.CryptoSpec;
import weft.runtime.operations.admin.AdminRequestVerifier;
import weft.runtime.operations.admin.LocalMspFolder;
import weft.runtime.operations.admin.PluginAdminRoute;
import weft.runtime.operations.admin.PluginCommand;

/**
 * {@code POST /admin/plugins} over HTTP with the client {@code weft-peer plugin} uses: an admin's command reaches
 * the deployer and its report comes back; a user's is refused with 403 before anything is done; a peer that does
 * not listen is reported unreachable. (The deployer itself runs against FileInstall in the distribution's tests.)
 */
class PluginAdminEndpointTest {

    @TempDir
    static Path crypto;

    @TempDir
    Path dir;

    private final List<PluginCommand> performed = new CopyOnWriteArrayList<>();
    private OperationsEndpoint endpoint;

    @BeforeAll
    static void generate() throws Exception {
        new CryptoMaterialGenerator(new SecureRandom()).generate(crypto,
                new CryptoSpec(1, 1, 1, 1, false, Curve.P256, Duration.ofDays(3650)));
    }

    private static Path org1(String folder) {
        return crypto.resolve("peerOrganizations/org1.example.com/" + folder + "/msp");
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private void start() throws Exception {
        start(Optional.empty());
    }

    private void start(Optional<OperationsSettings.Tls> tls) throws Exception {
        PluginAdminRoute route = new PluginAdminRoute(new AdminRequestVerifier(
                new LocalMspFolder(org1("peers/peer0.org1.example.com"), "Org1MSP"), Clock.systemUTC()), command -> {
                    performed.add(command);
                    JsonObject answer = new JsonObject();
                    answer.addProperty("operation", "list");
                    answer.addProperty("outcome", "LISTED");
                    return answer;
                });
        endpoint = OperationsEndpoint.start(new OperationsSettings(true, "127.0.0.1", 0, tls, 0),
                List::of, new PrometheusPeerMetrics(), new VersionInfo("0.1.0", "c0ffee"), Clock.systemUTC(), route);
    }

    private PluginAdminCall call(int port, String identity) throws Exception {
        Path config = Files.writeString(dir.resolve("core.yaml"),
                "operations:\n  listenAddress: 127.0.0.1:" + port + "\n");
        return new PluginAdminCall("list", null, null, null, config, dir, null, null, null, org1(identity), "Org1MSP");
    }

    @Test
    void anAdminsCommandIsPerformedAndItsReportPrinted() throws Exception {
        start();

        PluginAdmin.Result result = new PluginAdminClient().send(call(endpoint.address().getPort(),
                "users/Admin@org1.example.com"));

        assertEquals(PluginAdmin.Outcome.OK, result.outcome(), result.toString());
        assertEquals(List.of("deploy/ holds no plugin jars"), result.lines());
        assertEquals(List.of(PluginCommand.list()), performed);
    }

    @Test
    void aUsersCommandIsRefusedWith403AndNothingIsPerformed() throws Exception {
        start();

        PluginAdmin.Result result = new PluginAdminClient().send(call(endpoint.address().getPort(),
                "users/User1@org1.example.com"));

        assertEquals(PluginAdmin.Outcome.REFUSED, result.outcome());
        assertTrue(result.lines().get(0).startsWith("refused by the peer (HTTP 403): User1@org1.example.com is a "
                + "member of Org1MSP but not an admin"), result.lines().toString());
        assertEquals(List.of(), performed);
    }

    @Test
    void onlyPostIsServedAndTheAnswerIsJson() throws Exception {
        start();

        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + endpoint.address().getPort() + "/admin/plugins")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> garbage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + endpoint.address().getPort() + "/admin/plugins"))
                .POST(HttpRequest.BodyPublishers.ofString("install everything")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertEquals(400, garbage.statusCode());
        assertEquals("application/json", garbage.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(garbage.body().startsWith("{\"error\":\"malformed request: "), garbage.body());
    }

    @Test
    void overTlsWithClientCertificatesTheClientNeedsTheCaAndItsCertificate() throws Exception {
        TestCertificates pki = new TestCertificates("Org1 TLS CA");
        Path ca = TestCertificates.writeCertificate(dir.resolve("ca.crt"), pki.ca.certificate());
        Path clientCert = TestCertificates.writeCertificate(dir.resolve("client.crt"), pki.client.certificate());
        Path clientKey = TestCertificates.writeKey(dir.resolve("client.key"), pki.client.keys());
        start(Optional.of(new OperationsSettings.Tls(
                TestCertificates.writeCertificate(dir.resolve("server.crt"), pki.server.certificate()),
                TestCertificates.writeKey(dir.resolve("server.key"), pki.server.keys()), true, List.of(ca))));
        PluginAdminCall plain = call(endpoint.address().getPort(), "users/Admin@org1.example.com");
        String peer = "127.0.0.1:" + endpoint.address().getPort();

        PluginAdmin.Result withCertificate = new PluginAdminClient().send(new PluginAdminCall("list", null, null, peer,
                plain.config(), dir, ca, clientCert, clientKey, plain.adminMsp(), "Org1MSP"));
        PluginAdmin.Result withoutCertificate = new PluginAdminClient().send(new PluginAdminCall("list", null, null,
                peer, plain.config(), dir, ca, null, null, plain.adminMsp(), "Org1MSP"));

        assertEquals(PluginAdmin.Outcome.OK, withCertificate.outcome(), withCertificate.toString());
        assertEquals(PluginAdmin.Outcome.UNREACHABLE, withoutCertificate.outcome(), withoutCertificate.toString());
        assertTrue(withoutCertificate.lines().get(0).startsWith("cannot reach the peer's operations endpoint https://"
                + peer + "/admin/plugins: "), withoutCertificate.lines().toString());
    }

    @Test
    void aPeerThatDoesNotListenIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        PluginAdmin.Result result = new PluginAdminClient().send(call(port, "users/Admin@org1.example.com"));

        assertEquals(PluginAdmin.Outcome.UNREACHABLE, result.outcome());
        assertEquals(List.of("cannot reach the peer's operations endpoint http://127.0.0.1:" + port
                + "/admin/plugins: nothing answers there (is the peer running? weft-peer node start)"), result.lines());
    }
}
