package weft.runtime.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.health.HealthCheck;

class OperationsEndpointTest {

    @TempDir
    Path dir;

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private final PrometheusPeerMetrics metrics = new PrometheusPeerMetrics();
    private OperationsEndpoint endpoint;

    private record Check(String component, Optional<String> problem) implements HealthCheck {
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private OperationsEndpoint start(Optional<OperationsSettings.Tls> tls) throws OperationsConfigException {
        endpoint = OperationsEndpoint.start(new OperationsSettings(true, "127.0.0.1", 0, tls, 0), () -> checks,
                metrics, new VersionInfo("0.1.0-SNAPSHOT", "c2d99b2"), Clock.systemUTC());
        return endpoint;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpClient.newHttpClient(), "http", path, "GET");
    }

    private HttpResponse<String> send(HttpClient client, String scheme, String path, String method) throws Exception {
        URI uri = URI.create(scheme + "://127.0.0.1:" + endpoint.address().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzAnswersOkWhileEveryCheckPassesAnd503NamingTheComponentOnceOneFails() throws Exception {
        start(Optional.empty());
        checks.add(new Check("handlers", Optional.empty()));

        HttpResponse<String> healthy = get("/healthz");
        assertEquals(200, healthy.statusCode());
        assertEquals("application/json", healthy.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("OK", JsonParser.parseString(healthy.body()).getAsJsonObject().get("status").getAsString());

        checks.add(new Check("channels", Optional.of("channel mychannel stopped committing at height 9: disk full")));
        HttpResponse<String> failing = get("/healthz");

        assertEquals(503, failing.statusCode());
        JsonObject body = JsonParser.parseString(failing.body()).getAsJsonObject();
        assertEquals("Service Unavailable", body.get("status").getAsString());
        JsonObject failed = body.getAsJsonArray("failed_checks").get(0).getAsJsonObject();
        assertEquals("channels", failed.get("component").getAsString());
        assertEquals("channel mychannel stopped committing at height 9: disk full", failed.get("reason").getAsString());
    }

    @Test
    void metricsServesWhatWasRecordedInPrometheusTextFormat() throws Exception {
        start(Optional.empty());
        metrics.blockCommitted("mychannel", 4, 1_000_000, Map.of("VALID", 1));

        HttpResponse<String> response = get("/metrics");

        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("weft_blocks_committed_total{channel=\"mychannel\"} 1.0"), response.body());
        assertTrue(response.body().contains("ledger_blockchain_height{channel=\"mychannel\"} 4.0"), response.body());
    }

    @Test
    void versionAnswersWithFabricsFieldNames() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = get("/version");

        assertEquals(200, response.statusCode());
        assertEquals("{\"Version\":\"0.1.0-SNAPSHOT\",\"CommitSHA\":\"c2d99b2\"}", response.body());
    }

    @Test
    void unknownPathsAre404AndOtherMethodsThanGet405() throws Exception {
        start(Optional.empty());

        assertEquals(404, get("/logspec").statusCode());
        HttpResponse<String> put = send(HttpClient.newHttpClient(), "http", "/healthz", "PUT");
        assertEquals(405, put.statusCode());
        assertEquals("GET", put.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void aBusyAddressIsReportedNamingTheSetting() throws Exception {
        start(Optional.empty());
        int port = endpoint.address().getPort();

        OperationsConfigException e = assertThrows(OperationsConfigException.class, () -> OperationsEndpoint.start(
                new OperationsSettings(true, "127.0.0.1", port, Optional.empty(), 0), () -> checks, metrics,
                new VersionInfo(null, null), Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("operations.listenAddress 127.0.0.1:" + port + ": cannot listen"),
                e.getMessage());
    }

    @Test
    void servesOverTlsWithTheConfiguredCertificate() throws Exception {
        TestCertificates pki = new TestCertificates("Org1 TLS CA");
        start(Optional.of(new OperationsSettings.Tls(
                TestCertificates.writeCertificate(dir.resolve("server.crt"), pki.server.certificate()),
                TestCertificates.writeKey(dir.resolve("server.key"), pki.server.keys()), false, List.of())));

        HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext(null)).build();
        HttpResponse<String> response = send(client, "https", "/healthz", "GET");

        assertEquals(200, response.statusCode());
        assertTrue(endpoint.tls());
        assertThrows(IOException.class, () -> get("/healthz"), "plain HTTP is not served on a TLS endpoint");
    }

    @Test
    void withClientAuthRequiredOnlyClientsWithACertificateFromTheClientRootCasAreServed() throws Exception {
        TestCertificates pki = new TestCertificates("Org1 TLS CA");
        TestCertificates stranger = new TestCertificates("Other CA");
        start(Optional.of(new OperationsSettings.Tls(
                TestCertificates.writeCertificate(dir.resolve("server.crt"), pki.server.certificate()),
                TestCertificates.writeKey(dir.resolve("server.key"), pki.server.keys()), true,
                List.of(TestCertificates.writeCertificate(dir.resolve("ca.crt"), pki.ca.certificate())))));

        HttpClient withCertificate = HttpClient.newBuilder().sslContext(pki.clientContext(pki.client)).build();
        assertEquals(200, send(withCertificate, "https", "/metrics", "GET").statusCode());

        SSLContext anonymous = pki.clientContext(null);
        assertThrows(IOException.class, () -> send(HttpClient.newBuilder().sslContext(anonymous).build(), "https",
                "/metrics", "GET"), "a client without a certificate");
        // The stranger's client trusts the server's CA: the refusal must come from the server.
        SSLContext foreignTrustingServer = pki.clientContext(stranger.client);
        assertThrows(IOException.class, () -> send(HttpClient.newBuilder().sslContext(foreignTrustingServer).build(),
                "https", "/metrics", "GET"), "a client whose certificate another CA issued");
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedSayingHowToConvertIt() throws Exception {
        TestCertificates pki = new TestCertificates("Org1 TLS CA");
        Path cert = TestCertificates.writeCertificate(dir.resolve("server.crt"), pki.server.certificate());
        Path key = java.nio.file.Files.writeString(dir.resolve("server.key"),
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

        OperationsConfigException e = assertThrows(OperationsConfigException.class,
                () -> start(Optional.of(new OperationsSettings.Tls(cert, key, false, List.of()))));
        assertTrue(e.getMessage().contains("operations.tls.key.file"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkcs8"), e.getMessage());
    }
}
