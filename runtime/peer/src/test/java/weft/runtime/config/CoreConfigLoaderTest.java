package weft.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreConfigLoaderTest {

    @TempDir
    Path dir;

    private final CoreConfigLoader loader = new CoreConfigLoader(4);

    /** The handlers section exactly as Fabric v2.4's sampleconfig/core.yaml ships it. */
    private static final String FABRIC_SECTION = """
            peer:
              id: jdoe
              handlers:
                  authFilters:
                    -
                      name: DefaultAuth
                    -
                      name: ExpirationCheck    # This filter checks identity x509 certificate expiration
                  decorators:
                    -
                      name: DefaultDecorator
                  endorsers:
                    escc:
                      name: DefaultEndorsement
                      library:
                  validators:
                    vscc:
                      name: DefaultValidation
                      library:
              validatorPoolSize:
            """;

    @Test
    void acceptsFabricsHandlersSectionVerbatim() throws Exception {
        CoreConfig config = loader.load(write(FABRIC_SECTION));

        HandlersConfig handlers = config.handlers();
        assertEquals(List.of("DefaultAuth", "ExpirationCheck"),
                handlers.authFilters().stream().map(HandlerSpec::name).toList());
        assertEquals(List.of("DefaultDecorator"), handlers.decorators().stream().map(HandlerSpec::name).toList());
        assertEquals(new HandlerSpec("DefaultEndorsement", Optional.empty()), handlers.endorsers().get("escc"));
        assertEquals(new HandlerSpec("DefaultValidation", Optional.empty()), handlers.validators().get("vscc"));
        assertEquals("jdoe", config.peerId());
        assertEquals(4, config.validation().poolSize(), "an empty pool size means one per core");
        assertEquals(ValidationSettings.defaults(4), config.validation(), "no validation section means the defaults");
    }

    @Test
    void acceptsTopLevelHandlersAndResolvesLibraryAgainstTheConfigDirectory() throws Exception {
        CoreConfig config = loader.load(write("""
                handlers:
                  endorsers:
                    escc:   { name: DefaultEndorsement }
                    custom: { name: customEndorsement, library: plugins/custom-escc.jar }
                  validators:
                    utxo:   { name: UtxoValidation, library: /opt/weft/plugins/utxo.jar }
                """));

        HandlersConfig handlers = config.handlers();
        assertEquals(List.of("escc", "custom"), List.copyOf(handlers.endorsers().keySet()), "file order is kept");
        assertEquals(Optional.of(dir.resolve("plugins/custom-escc.jar")), handlers.endorsers().get("custom").library());
        assertEquals(Optional.of(Path.of("/opt/weft/plugins/utxo.jar")), handlers.validators().get("utxo").library());
        assertEquals("peer0", config.peerId());
    }

    @Test
    void keepsAPositivePoolSize() throws Exception {
        CoreConfig config = loader.load(write("peer:\n  handlers: {}\n  validatorPoolSize: 7\n"));
        assertEquals(7, config.validation().poolSize());
    }

    @Test
    void readsValidationSettingsWithGoDurations() throws Exception {
        CoreConfig config = loader.load(write("""
                peer:
                  handlers: {}
                  validation:
                    pluginTimeout: 1m30s
                    executionFailureRetries: 0
                    retryBackoff: 250ms
                """));
        assertEquals(new ValidationSettings(4, Duration.ofSeconds(90), 0, Duration.ofMillis(250)), config.validation());
    }

    @Test
    void readsTheTransientStoreRetentionFromFabricsGossipSection() throws Exception {
        assertEquals(1000, loader.load(write("peer:\n  handlers: {}\n")).transientStoreMaxBlockRetention());
        CoreConfig config = loader.load(write("""
                peer:
                  handlers: {}
                  gossip:
                    bootstrap: 127.0.0.1:7051
                    pvtData:
                      transientstoreMaxBlockRetention: 20
                """));
        assertEquals(20, config.transientStoreMaxBlockRetention());
    }

    @Test
    void readsFabricsListenAddressTlsAndMessageSizeSettings() throws Exception {
        NetworkSettings defaults = loader.load(write("peer:\n  handlers: {}\n")).network();
        assertEquals("0.0.0.0:7051", defaults.listenAddress());
        assertEquals(false, defaults.tls().enabled());
        assertEquals(100 * 1024 * 1024, defaults.maxRecvMsgSize());

        NetworkSettings network = loader.load(write("""
                peer:
                  handlers: {}
                  listenAddress: 127.0.0.1:9051
                  maxRecvMsgSize: 1048576
                  ordering:
                    listenAddress: 127.0.0.1:9050
                  tls:
                    enabled: true
                    clientAuthRequired: true
                    cert:
                      file: crypto/peer/tls/server.crt
                    key:
                      file: crypto/peer/tls/server.key
                    rootcert:
                      file: crypto/peer/tls/ca.crt
                    clientRootCAs:
                      files:
                        - crypto/org1/tlsca.pem
                        - crypto/org2/tlsca.pem
                    clientKey:
                      file:
                    clientCert:
                      file:
                """)).network();
        assertEquals("127.0.0.1:9051", network.listenAddress());
        assertEquals(java.util.Optional.of("127.0.0.1:9050"), network.orderingListenAddress());
        assertEquals(1048576, network.maxRecvMsgSize());
        assertEquals(100 * 1024 * 1024, network.maxSendMsgSize());
        assertEquals(new NetworkSettings.Tls(true, "crypto/peer/tls/server.crt", "crypto/peer/tls/server.key",
                java.util.Optional.of("crypto/peer/tls/ca.crt"), true,
                java.util.List.of("crypto/org1/tlsca.pem", "crypto/org2/tlsca.pem")), network.tls());
    }

    @Test
    void rejectsAListenAddressWithoutPortAndAMisspelledTlsSetting() {
        assertError("peer.listenAddress: must be host:port (e.g. 0.0.0.0:7051), was 'localhost'",
                "peer:\n  handlers: {}\n  listenAddress: localhost\n");
        assertError("peer.tls.enable: unknown setting",
                "peer:\n  handlers: {}\n  tls:\n    enable: true\n");
        assertError("peer.tls.enabled: must be true or false, was 'yes please'",
                "peer:\n  handlers: {}\n  tls:\n    enabled: yes please\n");
    }

    @Test
    void rejectsANonPositiveTransientStoreRetention() {
        assertError("peer.gossip.pvtData.transientstoreMaxBlockRetention: must be a whole number of blocks above 0,"
                        + " was '0'",
                "peer:\n  handlers: {}\n  gossip:\n    pvtData:\n      transientstoreMaxBlockRetention: 0\n");
    }

    @Test
    void rejectsADurationWithoutUnit() {
        assertError("peer.validation.pluginTimeout: '30' is not a duration; write it like 500ms, 30s, 5m or 1h30m",
                "peer:\n  handlers: {}\n  validation:\n    pluginTimeout: '30'\n");
    }

    @Test
    void rejectsAZeroPluginTimeout() {
        assertError("peer.validation.pluginTimeout: must be longer than 0",
                "peer:\n  handlers: {}\n  validation:\n    pluginTimeout: 0s\n");
    }

    @Test
    void rejectsNegativeRetriesAndUnknownValidationSettings() {
        assertError("peer.validation.executionFailureRetries: must be a whole number of 0 or more, was '-1'",
                "peer:\n  handlers: {}\n  validation:\n    executionFailureRetries: -1\n");
        assertError("peer.validation.timeout: unknown setting; expected one of [executionFailureRetries, "
                + "pluginTimeout, retryBackoff]", "peer:\n  handlers: {}\n  validation:\n    timeout: 5s\n");
    }

    @Test
    void rejectsAMissingHandlerName() {
        assertError("peer.handlers.endorsers.custom.name: missing", """
                peer:
                  handlers:
                    endorsers:
                      custom: { library: x.jar }
                """);
    }

    @Test
    void rejectsAMisspelledHandlerSetting() {
        assertError("peer.handlers.endorsers.custom.libary: unknown setting", """
                peer:
                  handlers:
                    endorsers:
                      custom: { name: customEndorsement, libary: x.jar }
                """);
    }

    @Test
    void rejectsAnUnknownHandlerKind() {
        assertError("peer.handlers.endorser: unknown handler kind", """
                peer:
                  handlers:
                    endorser:
                      escc: { name: DefaultEndorsement }
                """);
    }

    @Test
    void rejectsAnUnknownAuthFilter() {
        assertError("peer.handlers.authFilters[1].name: unknown handler 'StrictAuth'", """
                peer:
                  handlers:
                    authFilters:
                      - name: DefaultAuth
                      - name: StrictAuth
                """);
    }

    @Test
    void rejectsAnAuthFilterFromALibrary() {
        assertError("peer.handlers.authFilters[0].library: auth filters and decorators are built into the peer",
                """
                peer:
                  handlers:
                    authFilters:
                      - { name: DefaultAuth, library: auth.so }
                """);
    }

    @Test
    void rejectsHandlersGivenTwice() {
        assertError("handlers: given both as peer.handlers and as top-level handlers",
                "handlers: {}\npeer:\n  handlers: {}\n");
    }

    @Test
    void rejectsAConfigWithoutHandlers() {
        assertError("peer.handlers: missing", "peer:\n  id: peer0\n");
    }

    @Test
    void rejectsAListWhereAMappingBelongs() {
        assertError("peer.handlers.endorsers: must be a mapping, was a list",
                "peer:\n  handlers:\n    endorsers:\n      - escc\n");
    }

    @Test
    void rejectsANonNumericPoolSize() {
        assertError("peer.validatorPoolSize: must be a whole number, was 'many'",
                "peer:\n  handlers: {}\n  validatorPoolSize: many\n");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertError("not valid YAML", """
                peer:
                  handlers:
                    endorsers:
                      escc: { name: DefaultEndorsement }
                      escc: { name: Other }
                """);
    }

    @Test
    void rejectsMalformedYaml() {
        assertError("not valid YAML", "peer:\n  handlers: [unclosed\n");
    }

    @Test
    void reportsAnUnreadableFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("absent.yaml")));
        assertTrue(e.getMessage().startsWith(dir.resolve("absent.yaml") + ": cannot read"), e.getMessage());
    }

    @Test
    void devNetworkSectionIsReadWithDefaultsAndPathsRelativeToTheFile() throws Exception {
        Path file = write(FABRIC_SECTION + """
                  devNetwork:
                    batchTimeout: 250ms
                    chaincode:
                      name: basic
                      package: ../chaincode/basic.jar
                      init: InitLedger
                """);

        CoreConfig config = loader.load(file);

        DevNetworkSettings dev = config.node().devNetwork().orElseThrow();
        assertEquals("mychannel", dev.channel());
        assertEquals("solo", dev.consensusType());
        assertEquals(java.time.Duration.ofMillis(250), dev.batchTimeout());
        assertEquals(500, dev.maxMessageCount());
        DevNetworkSettings.DevChaincode chaincode = dev.chaincode().orElseThrow();
        assertEquals("basic_1.0", chaincode.label());
        assertEquals(file.toAbsolutePath().getParent().resolve("../chaincode/basic.jar").normalize(), chaincode.packageJar());
        assertEquals("InitLedger", chaincode.initFunction());
        assertEquals(NodeSettings.DEV_PEER_MSP, config.node().mspConfigPath());
        assertEquals("OrdererMSP", config.node().ordererMspId());
    }

    @Test
    void devNetworkIsOffWhenDisabledOrAbsent() throws Exception {
        assertTrue(loader.load(write(FABRIC_SECTION)).node().devNetwork().isEmpty());
        assertTrue(loader.load(write(FABRIC_SECTION + "  devNetwork:\n    enabled: false\n")).node().devNetwork()
                .isEmpty());
    }

    @Test
    void misspelledDevNetworkSettingIsNamed() {
        assertError("peer.devNetwork.chanel: unknown setting; expected one of [batchTimeout, chaincode, channel, "
                + "consensusType, enabled, maxMessageCount, ordererAddress, organizations, raftPort]",
                FABRIC_SECTION + "  devNetwork:\n    chanel: x\n");
        assertError("peer.devNetwork.chaincode.package: missing", FABRIC_SECTION
                + "  devNetwork:\n    chaincode:\n      name: basic\n");
    }

    @Test
    void aTwoOrganisationDevNetworkNamesWhereItsOrderingServiceListens() throws Exception {
        DevNetworkSettings dev = loader.load(write(FABRIC_SECTION + "  devNetwork:\n    organizations: 2\n"
                + "    ordererAddress: localhost:8050\n")).node().devNetwork().orElseThrow();

        assertEquals(2, dev.organizations());
        assertEquals("localhost:8050", dev.ordererAddress());
        DevNetworkSettings defaults = loader.load(write(FABRIC_SECTION + "  devNetwork:\n    channel: c\n")).node()
                .devNetwork().orElseThrow();
        assertEquals(1, defaults.organizations());
        assertEquals("127.0.0.1:7050", defaults.ordererAddress());
        assertError("peer.devNetwork.organizations: at most 9", FABRIC_SECTION
                + "  devNetwork:\n    organizations: 12\n");
        assertError("peer.devNetwork.ordererAddress: must be host:port, was 'localhost'", FABRIC_SECTION
                + "  devNetwork:\n    ordererAddress: localhost\n");
    }

    @Test
    void aNodeThatDoesNotOrderItsChannelsSaysSoAndCannotCreateADevNetwork() throws Exception {
        assertTrue(loader.load(write(FABRIC_SECTION)).node().orderingEnabled(), "nodes order their channels by default");
        assertFalse(loader.load(write(FABRIC_SECTION + "  ordering:\n    enabled: false\n")).node().orderingEnabled());
        assertError("peer.ordering.enabled: must be true or false, was", FABRIC_SECTION
                + "  ordering:\n    enabled: maybe\n");
        assertError("peer.devNetwork: needs a node that orders its channel", FABRIC_SECTION
                + "  ordering:\n    enabled: false\n  devNetwork:\n    channel: c\n");
    }

    private void assertError(String expected, String yaml) {
        Path file;
        try {
            file = write(yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "core", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
