package weft.runtime.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsSettingsTest {

    @TempDir
    Path dir;

    private OperationsSettings read(String yaml) throws Exception {
        return OperationsSettings.read(Files.writeString(dir.resolve("core.yaml"), yaml));
    }

    @Test
    void withoutAnOperationsSectionFabricsDefaultAddressIsUsed() throws Exception {
        OperationsSettings settings = read("peer:\n  id: peer0\n");

        assertEquals(new OperationsSettings(true, "127.0.0.1", 9443, Optional.empty(), 100), settings);
    }

    @Test
    void readsFabricsOperationsSectionWithFilesRelativeToCoreYaml() throws Exception {
        OperationsSettings settings = read("""
                operations:
                  listenAddress: 0.0.0.0:9444
                  tls:
                    enabled: true
                    cert:
                      file: tls/server.crt
                    key:
                      file: tls/server.key
                    clientAuthRequired: true
                    clientRootCAs:
                      files:
                        - tls/ca.crt
                  minFreeDiskMB: 512
                """);

        assertEquals("0.0.0.0", settings.host());
        assertEquals(9444, settings.port());
        assertEquals(512, settings.minFreeDiskMiB());
        OperationsSettings.Tls tls = settings.tls().orElseThrow();
        assertEquals(dir.resolve("tls/server.crt"), tls.certificate());
        assertEquals(dir.resolve("tls/server.key"), tls.privateKey());
        assertTrue(tls.clientAuthRequired());
        assertEquals(List.of(dir.resolve("tls/ca.crt")), tls.clientRootCAs());
    }

    @Test
    void tlsNotEnabledMeansPlainHttpEvenWithFilesNamed() throws Exception {
        OperationsSettings settings = read("operations:\n  tls:\n    enabled: false\n    cert:\n      file: x.crt\n");

        assertEquals(Optional.empty(), settings.tls());
    }

    @Test
    void anEmptyListenAddressTurnsTheEndpointOff() throws Exception {
        assertFalse(read("operations:\n  listenAddress: \"\"\n").enabled());
    }

    @Test
    void mistakesAreReportedNamingTheSetting() {
        assertMessage("operations:\n  listenAddress: localhost\n", "operations.listenAddress: 'localhost' is not host:port");
        assertMessage("operations:\n  listenAddress: localhost:http\n", "operations.listenAddress: 'localhost:http' has no port number");
        assertMessage("operations:\n  listenAddres: 127.0.0.1:9443\n", "operations.listenAddres: unknown setting");
        assertMessage("operations:\n  tls:\n    enabled: true\n", "operations.tls.cert.file: TLS is enabled");
        assertMessage("operations:\n  tls:\n    enabled: true\n    cert: {file: a}\n    key: {file: b}\n"
                + "    clientAuthRequired: true\n", "operations.tls.clientRootCAs.files: clientAuthRequired is true");
        assertMessage("operations:\n  minFreeDiskMB: lots\n", "operations.minFreeDiskMB: 'lots' is not a number");
    }

    private void assertMessage(String yaml, String expected) {
        OperationsConfigException e = assertThrows(OperationsConfigException.class, () -> read(yaml));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
