package weft.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.config.NetworkSettings;
import weft.runtime.crypto.Curve;
import weft.runtime.cryptogen.CryptoMaterialGenerator;
import weft.runtime.cryptogen.CryptoSpec;

/**
 * What the server does with core.yaml's network settings before any call: TLS files that are missing or unusable
 * and an address in use are refused with a message naming the setting. (No channel is needed: the server stops
 * before it would serve one.)
 */
class NetworkServerTest {

    private static final String PEER_TLS = "peerOrganizations/org1.example.com/peers/peer0.org1.example.com/tls/";

    @TempDir
    static Path crypto;

    @BeforeAll
    static void material() throws Exception {
        new CryptoMaterialGenerator(new SecureRandom()).generate(crypto,
                new CryptoSpec(1, 1, 1, 1, false, Curve.P256, Duration.ofDays(1)));
    }

    private static NetworkSettings settings(String address, NetworkSettings.Tls tls) {
        return new NetworkSettings(address, Optional.empty(), tls, 1024, 1024);
    }

    private static NetworkSettings.Tls tls(String cert, String key, boolean mutual, List<String> clientRoots) {
        return new NetworkSettings.Tls(true, cert, key, Optional.of(PEER_TLS + "ca.crt"), mutual, clientRoots);
    }

    @Test
    void aMissingCertificateFileIsRefusedNamingTheSetting() {
        NetworkException thrown = assertThrows(NetworkException.class, () -> NetworkServer.start(null, "Org1MSP",
                settings("127.0.0.1:0", tls(PEER_TLS + "nope.crt", PEER_TLS + "server.key", false, List.of())), crypto));

        assertTrue(thrown.getMessage().startsWith("core.yaml peer.tls.cert.file: " + crypto.resolve(PEER_TLS + "nope.crt")
                + " does not exist"), thrown.getMessage());
    }

    @Test
    void aMissingClientRootCaIsRefusedNamingTheSettingAndItsIndex() {
        NetworkException thrown = assertThrows(NetworkException.class, () -> NetworkServer.start(null, "Org1MSP",
                settings("127.0.0.1:0", tls(PEER_TLS + "server.crt", PEER_TLS + "server.key", true,
                        List.of(PEER_TLS + "ca.crt", "org2/tlsca.pem"))), crypto));

        assertTrue(thrown.getMessage().startsWith("core.yaml peer.tls.clientRootCAs.files[1]: "), thrown.getMessage());
    }

    @Test
    void aKeyThatIsNotAKeyIsRefusedNamingBothFiles() {
        NetworkException thrown = assertThrows(NetworkException.class, () -> NetworkServer.start(null, "Org1MSP",
                settings("127.0.0.1:0", tls(PEER_TLS + "server.crt", PEER_TLS + "ca.crt", false, List.of())), crypto));

        assertTrue(thrown.getMessage().startsWith("core.yaml peer.tls.cert.file/peer.tls.key.file: cannot use "),
                thrown.getMessage());
    }

    @Test
    void anAddressInUseIsRefusedNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            NetworkException thrown = assertThrows(NetworkException.class, () -> NetworkServer.start(null, "Org1MSP",
                    settings(address, NetworkSettings.Tls.DISABLED), crypto));
            assertTrue(thrown.getMessage().startsWith("core.yaml peer.listenAddress: cannot listen on " + address),
                    thrown.getMessage());
        }
    }

    @Test
    void aSecondOrderingAddressServesToo() throws Exception {
        NetworkSettings both = new NetworkSettings("127.0.0.1:0", Optional.of("127.0.0.1:0"),
                tls(PEER_TLS + "server.crt", PEER_TLS + "server.key", false, List.of()), 1024, 1024);
        try (NetworkServer server = NetworkServer.start(null, "Org1MSP", both, crypto)) {
            assertTrue(server.port() > 0);
            assertTrue(server.orderingPort().orElseThrow() > 0);
            assertTrue(server.tls());
            assertEquals(true, Files.isRegularFile(crypto.resolve(PEER_TLS + "server.crt")));
        }
    }
}
