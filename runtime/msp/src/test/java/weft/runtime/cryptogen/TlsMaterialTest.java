package weft.runtime.cryptogen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.crypto.Curve;

/** The TLS half of the generated material: cryptogen's layout, certificates chaining to the TLS CA, usable by JSSE. */
class TlsMaterialTest {

    @TempDir
    static Path dir;

    static List<GeneratedOrganization> orgs;

    @BeforeAll
    static void generate() throws Exception {
        orgs = new CryptoMaterialGenerator(new SecureRandom()).generate(dir,
                new CryptoSpec(1, 1, 1, 1, true, Curve.P256, Duration.ofDays(30)));
    }

    @Test
    void everyOrganisationHasATlsCaAndEveryMspItsTlsCaCertificate() throws Exception {
        Path org1 = dir.resolve("peerOrganizations/org1.example.com");
        assertTrue(Files.isRegularFile(org1.resolve("tlsca/tlsca.org1.example.com-cert.pem")));
        assertTrue(Files.readString(org1.resolve("tlsca/priv_sk")).startsWith("-----BEGIN PRIVATE KEY-----"));
        X509Certificate tlsCa = certificate(org1.resolve("tlsca/tlsca.org1.example.com-cert.pem"));
        assertEquals("tlsca.org1.example.com", commonName(tlsCa));
        for (Path msp : List.of(org1.resolve("msp"), org1.resolve("peers/peer0.org1.example.com/msp"),
                org1.resolve("users/User1@org1.example.com/msp"), org1.resolve("users/Admin@org1.example.com/msp"))) {
            assertEquals(tlsCa, certificate(msp.resolve("tlscacerts/tlsca.org1.example.com-cert.pem")), msp.toString());
        }
        assertEquals(orgs.get(0).tlsCaCertificate(), org1.resolve("tlsca/tlsca.org1.example.com-cert.pem"));
    }

    @Test
    void nodeServerCertificatesChainToTheTlsCaAndNameTheHostLocalhostAndLoopback() throws Exception {
        for (GeneratedOrganization org : orgs) {
            X509Certificate tlsCa = certificate(org.tlsCaCertificate());
            List<GeneratedOrganization.Identity> nodes = org.nodes().stream()
                    .filter(n -> n.role().equals("peer") || n.role().equals("orderer")).toList();
            assertEquals(1, nodes.size());
            for (GeneratedOrganization.Identity node : nodes) {
                Path tls = node.tlsFolder();
                assertEquals(tlsCa, certificate(tls.resolve("ca.crt")));
                X509Certificate server = certificate(tls.resolve("server.crt"));
                server.verify(tlsCa.getPublicKey());
                assertEquals(node.name(), commonName(server));
                Set<String> names = server.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString())
                        .collect(Collectors.toSet());
                assertEquals(Set.of(node.name(), node.name().split("\\.")[0], "localhost", "127.0.0.1"), names);
                assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), server.getExtendedKeyUsage());
                assertEquals(server.getPublicKey(), certificate(tls.resolve("server.crt")).getPublicKey());
                privateKey(tls.resolve("server.key"));
            }
        }
    }

    @Test
    void usersHaveAClientCertificateFromTheTlsCa() throws Exception {
        GeneratedOrganization org1 = orgs.get(0);
        for (GeneratedOrganization.Identity user : org1.nodes()) {
            if (user.role().equals("client") || user.role().equals("admin")) {
                X509Certificate client = certificate(user.tlsFolder().resolve("client.crt"));
                client.verify(certificate(org1.tlsCaCertificate()).getPublicKey());
                assertTrue(client.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"));
                privateKey(user.tlsFolder().resolve("client.key"));
                assertTrue(Files.isRegularFile(user.tlsFolder().resolve("ca.crt")));
            }
        }
    }

    @Test
    void aMutualTlsHandshakeSucceedsWithTheGeneratedMaterialAndFailsWithoutAClientCertificate() throws Exception {
        GeneratedOrganization.Identity peer = orgs.get(0).identities("peer").get(0);
        GeneratedOrganization.Identity user = orgs.get(0).identities("client").get(0);
        SSLContext server = context(peer.tlsFolder().resolve("server.crt"), peer.tlsFolder().resolve("server.key"),
                peer.tlsFolder().resolve("ca.crt"));
        try (SSLServerSocket socket = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            socket.setNeedClientAuth(true);
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2; i++) {
                    try (SSLSocket accepted = (SSLSocket) socket.accept()) {
                        accepted.startHandshake();
                        accepted.getOutputStream().write(42);
                    } catch (Exception e) {
                        // the second client has no certificate: its handshake is refused here
                    }
                }
            });
            SSLContext withCertificate = context(user.tlsFolder().resolve("client.crt"),
                    user.tlsFolder().resolve("client.key"), user.tlsFolder().resolve("ca.crt"));
            try (SSLSocket client = (SSLSocket) withCertificate.getSocketFactory().createSocket("localhost",
                    socket.getLocalPort())) {
                var parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                assertEquals(42, client.getInputStream().read());
            }
            SSLContext withoutCertificate = context(null, null, user.tlsFolder().resolve("ca.crt"));
            assertThrows(Exception.class, () -> {
                try (SSLSocket client = (SSLSocket) withoutCertificate.getSocketFactory().createSocket("127.0.0.1",
                        socket.getLocalPort())) {
                    client.startHandshake();
                    OutputStream out = client.getOutputStream();
                    out.write(1);
                    out.flush();
                    if (client.getInputStream().read() < 0) {
                        throw new SSLHandshakeException("closed");
                    }
                }
            });
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    static SSLContext context(Path certificate, Path key, Path trusted) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (certificate != null) {
            keys.setKeyEntry("tls", privateKey(key), new char[0],
                    new java.security.cert.Certificate[]{certificate(certificate)});
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("ca", certificate(trusted));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
        return context;
    }

    static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        assertTrue(text.startsWith("-----BEGIN PRIVATE KEY-----"), pem + " is PKCS#8 PEM");
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String commonName(X509Certificate certificate) {
        for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        throw new AssertionError("no CN in " + certificate.getSubjectX500Principal());
    }

}
