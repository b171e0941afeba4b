package weft.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockSerialization;

/** Runs the distribution's {@code bin/weft-peer} as an operator would, in its own process. */
class WeftPeerCommandIT {

    @TempDir
    Path dir;

    @Test
    void handlersListShowsWhatServesEachHandler() throws Exception {
        Result result = run("handlers", "list");

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().matches("(?s).*endorser\\s+escc\\s+DefaultEndorsement\\s+weft\\.plugins\\.escc\\s+"
                + "\\S+\\s+ACTIVE.*"), result.out());
        assertTrue(result.out().matches("(?s).*validator\\s+utxo\\s+UtxoValidation\\s+weft\\.plugins\\.utxo\\s+"
                + "\\S+\\s+ACTIVE.*"), result.out());
    }

    @Test
    void handlersListExitsWithOneAndExplainsAHandlerItCannotBind() throws Exception {
        Path config = PeerFixtures.writeConfig(dir, """
                peer:
                  handlers:
                    endorsers:
                      escc: { name: DefaultEndorsement }
                    validators:
                      vscc: { name: DefaultValidation }
                      custom: { name: NoSuchValidation }
                """);

        Result result = run("handlers", "list", "--config", config.toString());

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("problem: handler validators.custom (name NoSuchValidation): unknown handler "
                + "name 'NoSuchValidation': no installed bundle registers a validation plugin with that name "
                + "(available: [AnonymousValidation, DefaultValidation, UtxoValidation])"), result.out());
    }

    @Test
    void malformedConfigurationExitsWithTwoAndNamesTheFile() throws Exception {
        Path config = PeerFixtures.writeConfig(dir, "peer:\n  handlers: [unclosed\n");

        Result result = run("handlers", "list", "--config", config.toString());

        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().startsWith("weft-peer: " + config + ": not valid YAML"), result.err());
    }

    /**
     * One peer process for the whole story, to keep the suite fast: the first start creates the development network
     * and deploys asset-transfer-basic; while it runs, the offline commands are refused; once it is stopped they
     * work on its data; a second start resumes where the first (and the commands) left off.
     */
    @Test
    void nodeStartCreatesTheDevNetworkAndResumesItAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        List<String> first = new ArrayList<>();
        // The shipped configuration, on a free port instead of 7051.
        int port = freePort();
        Path distribution = PeerFixtures.distribution();
        Path config = PeerFixtures.writeConfig(dir, PeerFixtures.oneOrganization(
                Files.readString(distribution.resolve("config/core.yaml")))
                .replace("listenAddress: 0.0.0.0:7051", "listenAddress: 127.0.0.1:" + port)
                .replace("package: ../chaincode/asset-transfer-basic.jar",
                        "package: " + distribution.resolve("chaincode/asset-transfer-basic.jar")));
        Process peer = start(dir.resolve("first.log"), "node", "start", "--data", data.toString(), "--config",
                config.toString());
        try (BufferedReader out = reader(peer)) {
            String summary = awaitLine(out, first, "channel mychannel: height ");
            assertTrue(first.get(0).startsWith("Weft peer started with "), first.toString());
            assertTrue(first.stream().anyMatch(l -> l.startsWith("devNetwork: deployed chaincode basic 1.0 (package "
                    + "basic_1.0:")), first.toString());
            assertTrue(first.contains("devNetwork: InitLedger committed in block 3 (VALID)"), first.toString());
            assertTrue(summary.startsWith("channel mychannel: height 4, chaincode basic: 6 assets: asset1 (Tomoko), "),
                    summary);
            awaitLine(out, first, "Weft peer running on ");
            assertTrue(peer.isAlive(), "and keeps running");
            assertServesTls(port, data.resolve("crypto/peerOrganizations/org1.example.com/tlsca/"
                    + "tlsca.org1.example.com-cert.pem"));
            assertTrue(Files.isDirectory(data.resolve("felix-cache")), "its framework lives under --data");
            assertTrue(Files.isDirectory(data.resolve("chains/mychannel")), "the ledger lives under --data");

            Result refused = run("chaincode", "query", "-C", "mychannel", "-n", "basic", "-c",
                    "{\"Args\":[\"ReadAsset\",\"asset1\"]}", "--data", data.toString());
            assertEquals(2, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("a peer is running on the data directory"), refused.err());

            peer.destroy(); // SIGTERM: the shutdown hook closes the channels and stops the framework
            assertTrue(peer.waitFor(30, TimeUnit.SECONDS), "the peer stops on SIGTERM");
        } finally {
            peer.destroyForcibly();
        }

        Result query = run("chaincode", "query", "-C", "mychannel", "-n", "basic", "-c",
                "{\"Args\":[\"ReadAsset\",\"asset1\"]}", "--data", data.toString());
        assertEquals(0, query.exit(), query.toString());
        assertEquals("{\"AppraisedValue\":300,\"Color\":\"blue\",\"ID\":\"asset1\",\"Owner\":\"Tomoko\",\"Size\":5}\n",
                query.out());
        Result invoke = run("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c",
                "{\"function\":\"TransferAsset\",\"Args\":[\"asset1\",\"Zoe\"]}", "--data", data.toString());
        assertEquals(0, invoke.exit(), invoke.toString());
        assertTrue(invoke.out().startsWith("Chaincode invoke successful. result: status:200 payload:\"Tomoko\"\n"),
                invoke.out());
        assertTrue(invoke.out().contains("committed with status (VALID) at block 4"), invoke.out());
        Result committed = run("lifecycle", "chaincode", "querycommitted", "-C", "mychannel", "-n", "basic",
                "--data", data.toString());
        assertEquals(0, committed.exit(), committed.toString());
        assertTrue(committed.out().contains("Version: 1.0, Sequence: 1, Endorsement Plugin: escc, Validation Plugin: "
                + "vscc, Approvals: [Org1MSP: true]"), committed.out());
        Result unknown = run("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c",
                "{\"Args\":[\"ReadAsset\",\"nosuchasset\"]}", "--data", data.toString());
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("failed (status 500)"), unknown.err());

        List<String> second = new ArrayList<>();
        Process again = start(dir.resolve("second.log"), "node", "start", "--data", data.toString(), "--config",
                config.toString());
        try (BufferedReader out = reader(again)) {
            String summary = awaitLine(out, second, "channel mychannel: height ");
            assertTrue(summary.startsWith("channel mychannel: height 5, chaincode basic: 6 assets: asset1 (Zoe), "),
                    summary);
            assertTrue(second.stream().noneMatch(l -> l.startsWith("devNetwork:")), "nothing is created again: " + second);
            again.destroy();
            assertTrue(again.waitFor(30, TimeUnit.SECONDS), "the peer stops on SIGTERM");
        } finally {
            again.destroyForcibly();
        }
    }

    /**
     * docs/operators.md's operations endpoint and shell: a started peer answers /healthz, /metrics (with the
     * development network's committed blocks) and /version on operations.listenAddress, and {@code --shell} gives
     * the operator Gogo's {@code lb} on the running framework.
     */
    @Test
    void runningPeerServesHealthMetricsAndVersionAndTheGogoShell() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path home = PeerFixtures.distribution();
        String yaml = PeerFixtures.oneOrganization(Files.readString(home.resolve("config/core.yaml")))
                .replace("listenAddress: 127.0.0.1:9443", "listenAddress: 127.0.0.1:" + port)
                .replace("../chaincode/asset-transfer-basic.jar", home.resolve("chaincode/asset-transfer-basic.jar").toString());
        Path config = Files.writeString(dir.resolve("core.yaml"), yaml);
        List<String> lines = new ArrayList<>();
        Process peer = start(dir.resolve("operations.log"), "node", "start", "--config", config.toString(),
                "--data", dir.resolve("data").toString(), "--shell");
        try (BufferedReader out = reader(peer)) {
            awaitLine(out, lines, "Weft peer running on ");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> health = get(http, port, "/healthz");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().startsWith("{\"status\":\"OK\",\"time\":\""), health.body());

            HttpResponse<String> metrics = get(http, port, "/metrics");
            assertEquals(200, metrics.statusCode());
            Matcher blocks = Pattern.compile("(?m)^weft_blocks_committed_total\\{channel=\"mychannel\"} (\\S+)$")
                    .matcher(metrics.body());
            assertTrue(blocks.find(), metrics.body());
            assertTrue(Double.parseDouble(blocks.group(1)) >= 3, "the dev network's blocks 1-3: " + blocks.group());
            assertTrue(metrics.body().contains("ledger_blockchain_height{channel=\"mychannel\"} 4.0"), metrics.body());
            assertTrue(metrics.body().contains("ledger_transaction_count_total{channel=\"mychannel\",validation_code=\"VALID\"}"),
                    metrics.body());
            assertTrue(metrics.body().contains("weft_validation_plugin_duration_count{channel=\"mychannel\",plugin=\"vscc\",valid=\"true\"}"),
                    metrics.body());
            assertTrue(metrics.body().contains("endorser_proposal_duration_count{chaincode=\"basic\",channel=\"mychannel\",success=\"true\"}"),
                    metrics.body());

            HttpResponse<String> version = get(http, port, "/version");
            assertEquals(200, version.statusCode());
            assertTrue(version.body().matches("\\{\"Version\":\"\\d+\\.\\d+\\.\\d+[^\"]*\",\"CommitSHA\":\"[^\"]+\"}"),
                    version.body());

            peer.getOutputStream().write("lb -s\n".getBytes(StandardCharsets.UTF_8));
            peer.getOutputStream().flush();
            String operations = awaitLineContaining(out, lines, "weft.runtime.operations");
            assertTrue(operations.contains("Active"), operations);

            peer.destroy();
            assertTrue(peer.waitFor(30, TimeUnit.SECONDS), "the peer stops on SIGTERM");
        } finally {
            peer.destroyForcibly();
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads lines (keeping them) until one contains {@code text}; fails if the output ends first. */
    private static String awaitLineContaining(BufferedReader out, List<String> lines, String text) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("the peer's output ended before a line with '" + text + "': " + lines);
    }

    /**
     * Pinning through the command line on the development network: {@code --pin-plugins} records the identities of
     * the plugins this installation serves (bundle and jar digest), the committed definition carries them, and a
     * transaction of the pinned chaincode commits VALID because the peer's plugins are exactly those.
     */
    @Test
    void pinPluginsRecordsTheInstalledPluginsAndTheirTransactionsStillCommit() throws Exception {
        Path data = dir.resolve("data");
        Path distribution = PeerFixtures.distribution();
        Path config = PeerFixtures.writeConfig(dir, PeerFixtures.oneOrganization(
                Files.readString(distribution.resolve("config/core.yaml"))).replace(
                "package: ../chaincode/asset-transfer-basic.jar",
                "package: " + distribution.resolve("chaincode/asset-transfer-basic.jar")));
        Process peer = start(dir.resolve("node.log"), "node", "start", "--data", data.toString(), "--config",
                config.toString());
        try (BufferedReader out = reader(peer)) {
            awaitLine(out, new ArrayList<>(), "Weft peer running on ");
            peer.destroy();
            assertTrue(peer.waitFor(30, TimeUnit.SECONDS), "the peer stops on SIGTERM");
        } finally {
            peer.destroyForcibly();
        }
        Result installed = run("lifecycle", "chaincode", "queryinstalled", "--data", data.toString());
        assertEquals(0, installed.exit(), installed.toString());
        String packageId = installed.out().lines().filter(l -> l.startsWith("Package ID: "))
                .map(l -> l.substring("Package ID: ".length(), l.indexOf(", Label:"))).findFirst().orElseThrow();

        List<String> definition = List.of("-C", "mychannel", "-n", "basic", "-v", "1.1", "--sequence", "2",
                "--package-id", packageId, "--pin-plugins", "--data", data.toString());
        Result approved = run(concat(List.of("lifecycle", "chaincode", "approveformyorg"), definition));
        assertEquals(0, approved.exit(), approved.toString());
        Result committedDefinition = run(concat(List.of("lifecycle", "chaincode", "commit"), definition));
        assertEquals(0, committedDefinition.exit(), committedDefinition.toString());

        Result committed = run("lifecycle", "chaincode", "querycommitted", "-C", "mychannel", "-n", "basic",
                "--data", data.toString());
        assertTrue(committed.out().contains("Version: 1.1, Sequence: 2, Endorsement Plugin: escc@"
                + pin("DefaultEndorsement", "weft-plugins-escc") + ", Validation Plugin: vscc@"
                + pin("DefaultValidation", "weft-plugins-vscc") + ", Approvals: [Org1MSP: true]"), committed.out());
        Result invoke = run("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c",
                "{\"function\":\"TransferAsset\",\"Args\":[\"asset1\",\"Zoe\"]}", "--data", data.toString());
        assertEquals(0, invoke.exit(), invoke.toString());
        assertTrue(invoke.out().contains("committed with status (VALID)"), invoke.out());
    }

    /** The pin of the shipped bundle {@code <artifact>-<version>.jar}: its handler, name, version and jar digest. */
    private static String pin(String handler, String artifact) throws Exception {
        Path jar;
        try (var jars = Files.list(PeerFixtures.bundles())) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith(artifact + "-")).findFirst().orElseThrow();
        }
        java.util.jar.Attributes manifest;
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            manifest = file.getManifest().getMainAttributes();
        }
        String digest = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        return handler + "/" + manifest.getValue("Bundle-SymbolicName") + "/"
                + org.osgi.framework.Version.parseVersion(manifest.getValue("Bundle-Version")) + "#sha256:" + digest;
    }

    private static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }

    /**
     * The operator's procedure of docs/operators.md: a development channel on solo, the peer stopped,
     * {@code ordering migrate --to raft}, then the channel orders with Raft (offline and after a start).
     */
    @Test
    void orderingMigrateMovesAStoppedPeersChannelFromSoloToRaft() throws Exception {
        Path data = dir.resolve("data");
        int raftPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            raftPort = socket.getLocalPort();
        }
        Path distribution = PeerFixtures.distribution();
        String yaml = PeerFixtures.oneOrganization(Files.readString(distribution.resolve("config/core.yaml")))
                .replace("raftPort: 7052", "raftPort: " + raftPort)
                .replace("package: ../chaincode/asset-transfer-basic.jar",
                        "package: " + distribution.resolve("chaincode/asset-transfer-basic.jar"));
        Path config = PeerFixtures.writeConfig(dir, yaml);
        Process peer = start(dir.resolve("dev.log"), "node", "start", "--data", data.toString(), "--config",
                config.toString());
        try (BufferedReader out = reader(peer)) {
            awaitLine(out, new ArrayList<>(), "Weft peer running on ");
            peer.destroy();
            assertTrue(peer.waitFor(30, TimeUnit.SECONDS), "the peer stops on SIGTERM");
        } finally {
            peer.destroyForcibly();
        }

        Result migrated = run("ordering", "migrate", "-C", "mychannel", "--to", "raft", "--data", data.toString(),
                "--config", config.toString());
        Result again = run("ordering", "migrate", "-C", "mychannel", "--to", "raft", "--data", data.toString(),
                "--config", config.toString());
        Result invoke = run("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c",
                "{\"function\":\"TransferAsset\",\"Args\":[\"asset1\",\"Raf\"]}", "--data", data.toString(),
                "--config", config.toString());
        Result verified = run("ledger", "verify", data.toString());

        assertEquals(0, migrated.exit(), migrated.toString());
        assertEquals("channel mychannel: config block 4 moves ordering from solo to raft; height 5, ordered by raft\n",
                migrated.out());
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("channel mychannel is already ordered by raft"), again.err());
        assertEquals(0, invoke.exit(), invoke.toString());
        assertTrue(invoke.out().contains("committed with status (VALID) at block 5"), invoke.out());
        assertEquals(0, verified.exit(), verified.toString());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The node's gRPC port answers a TLS handshake (HTTP/2 via ALPN, as gRPC clients negotiate it) with the dev
     * network's peer certificate, issued by Org1's TLS CA and naming localhost. The network services start once
     * the channels are open, so this waits a little for the port.
     */
    private static void assertServesTls(int port, Path tlsCa) throws Exception {
        java.security.cert.Certificate ca;
        try (var in = Files.newInputStream(tlsCa)) {
            ca = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        java.security.KeyStore roots = java.security.KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("tlsca", ca);
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                    .createSocket("localhost", port)) {
                javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setApplicationProtocols(new String[]{"h2"});
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                assertEquals("h2", socket.getApplicationProtocol());
                String subject = ((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
                assertTrue(subject.contains("CN=peer0.org1.example.com"), subject);
                return;
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing listens on port " + port + " (peer.listenAddress)", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads lines (keeping them) until one starts with {@code prefix}; fails if the output ends first. */
    private static String awaitLine(BufferedReader out, List<String> lines, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the peer's output ended before a line starting with '" + prefix + "': " + lines);
    }

    @Test
    void cryptoGenerateWritesMspFoldersAndRefusesToOverwrite() throws Exception {
        Path output = dir.resolve("crypto");

        Result result = run("crypto", "generate", "--output", output.toString(), "--orgs", "3", "--peers", "2");

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("Org1MSP (org1.example.com): 2 peers, 1 user, 1 admin in "), result.out());
        assertTrue(Files.exists(output.resolve(
                "peerOrganizations/org3.example.com/peers/peer1.org3.example.com/msp/signcerts/peer1.org3.example.com-cert.pem")));
        Result again = run("crypto", "generate", "--output", output.toString());
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("is not empty"), again.err());
    }

    @Test
    void ledgerVerifyChecksFabricBlockFilesAndExitsWithOneOnABrokenChain() throws Exception {
        Path ledgers = Path.of(System.getProperty("weft.shared", "../shared")).resolve("fabric-ledgers");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(ledgers),
                "the real Fabric ledgers are not at " + ledgers + "; skipping");
        Result intact = run("ledger", "verify", ledgers.toString());
        assertEquals(0, intact.exit(), intact.toString());
        assertTrue(intact.out().contains("sample_prod: 8 blocks (0..7), hash chain intact"), intact.out());

        Path real = ledgers.resolve("sample_prod/blockfile_000000");
        byte[] bytes = Files.readAllBytes(real);
        long third = BlockFileReader.readAll(real).get(3).offset();
        bytes[(int) third + 100] ^= 0x01; // inside block 3's transactions
        Path broken = dir.resolve("blockfile_000000");
        Files.write(broken, bytes);
        Result result = run("ledger", "verify", broken.toString());
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("problem(s)"), result.out());
        assertEquals(2, run("ledger", "verify", dir.resolve("absent").toString()).exit());
    }

    @Test
    void ledgerRevalidateReproducesFabricsVerdictsAndReportsADoctoredOne() throws Exception {
        Path ledgers = Path.of(System.getProperty("weft.shared", "../shared")).resolve("fabric-ledgers");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(ledgers),
                "the real Fabric ledgers are not at " + ledgers + "; skipping");
        Path real = ledgers.resolve("fabric-net-small/blockfile_000000");
        Result result = run("ledger", "revalidate", real.toString());
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().endsWith("42 blocks, 92 transactions, 0 mismatches\n"), result.out());

        // Claim that block 12's transaction (an endorsement-policy failure) was valid.
        Path doctored = dir.resolve("blockfile_000000");
        try (var out = Files.newOutputStream(doctored)) {
            for (var record : BlockFileReader.readAll(real)) {
                var block = record.block();
                if (block.getHeader().getNumber() == 12) {
                    block = block.toBuilder().setMetadata(block.getMetadata().toBuilder()
                            .setMetadata(2, ByteString.copyFrom(new byte[] {0}))).build();
                }
                byte[] bytes = BlockSerialization.serialize(block).bytes();
                var coded = CodedOutputStream.newInstance(out);
                coded.writeUInt32NoTag(bytes.length);
                coded.writeRawBytes(bytes);
                coded.flush();
            }
        }
        Result mismatch = run("ledger", "revalidate", doctored.toString());
        assertEquals(1, mismatch.exit(), mismatch.toString());
        assertTrue(mismatch.out().contains("block 12: 1 transaction(s), tx 0 stored VALID, Weft ENDORSEMENT_POLICY_FAILURE"),
                mismatch.out());
        assertTrue(mismatch.out().endsWith("42 blocks, 92 transactions, 1 mismatches\n"), mismatch.out());
    }

    @Test
    void versionNamesTheCommand() throws Exception {
        Result result = run("--version");

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("weft-peer "), result.out());
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        Process process = start(args);
        // Small outputs: read stderr after stdout without risk of filling a pipe.
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("weft-peer did not finish: " + out + err);
        }
        return new Result(process.exitValue(), out, err);
    }

    private Process start(Path log, String... args) throws IOException {
        Process process = builder(args).redirectError(log.toFile()).start();
        return process;
    }

    private Process start(String... args) throws IOException {
        return builder(args).start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.add(PeerFixtures.distribution().resolve("bin/weft-peer").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("WEFT_HOME");
        builder.environment().remove("CORE_PEER_MSPCONFIGPATH");
        builder.environment().remove("CORE_PEER_LOCALMSPID");
        return builder;
    }
}
