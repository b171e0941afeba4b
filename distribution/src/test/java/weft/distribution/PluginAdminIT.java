package weft.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft-peer plugin} against a running {@code weft-peer node start}, as docs/operators.md "Managing plugins
 * on a running peer" describes it: the development network's Org1 admin installs, updates and uninstalls a
 * validation plugin through the operations endpoint while the peer runs; its user and non-bundles are refused;
 * the peer's channel is unharmed.
 */
class PluginAdminIT {

    private static final String BUNDLE = "acme.fixture.vscc";
    private static final String FIXTURES = "weft.fixtures.swap";

    @TempDir
    Path dir;

    @Test
    void anAdminManagesPluginsOfTheRunningPeerAndOthersAreRefused() throws Exception {
        // An installation of its own (bundles shared through a link), so that its deploy/ is this test's alone.
        Path home = Files.createDirectories(dir.resolve("home"));
        Path bundles = Files.createSymbolicLink(home.resolve("bundles"), PeerFixtures.bundles());
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path distribution = PeerFixtures.distribution();
        String yaml = PeerFixtures.oneOrganization(Files.readString(distribution.resolve("config/core.yaml")))
                .replace("listenAddress: 127.0.0.1:9443", "listenAddress: 127.0.0.1:" + port)
                .replace("../chaincode/asset-transfer-basic.jar",
                        distribution.resolve("chaincode/asset-transfer-basic.jar").toString())
                .replace("    validators:\n", "    validators:\n      fixture:\n        name: FixtureValidation\n");
        Path config = Files.writeString(dir.resolve("core.yaml"), yaml);
        List<String> where = List.of("--config", config.toString(), "--bundles", bundles.toString(),
                "--data", data.toString());

        Path v1 = PeerFixtures.pluginBundle(dir.resolve("acme-vscc-1.jar"), BUNDLE, "1.0.0", FIXTURES, Map.of());
        Path v2 = PeerFixtures.pluginBundle(dir.resolve("acme-vscc-2.jar"), BUNDLE, "2.0.0", FIXTURES,
                Map.of("Fixture-Verdict", "invalid"));
        Path unresolvable = PeerFixtures.pluginBundle(dir.resolve("acme-vscc-3.jar"), BUNDLE, "3.0.0", FIXTURES,
                Map.of("Import-Package", "weft.api.validation;version=\"[2.0,3)\",*"));
        Path plain = PeerFixtures.plainJar(dir.resolve("library.jar"));

        List<String> lines = new ArrayList<>();
        Process peer = start(dir.resolve("peer.log"), concat(List.of("node", "start"), where));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
            awaitLine(out, lines, "Weft peer running on ");

            Result empty = run(concat(List.of("plugin", "list"), where));
            assertEquals(0, empty.exit(), empty.toString());
            assertTrue(empty.out().startsWith("deploy/ holds no plugin jars\n"), empty.out());
            assertTrue(empty.out().contains("  validator fixture (FixtureValidation): FAILED"), empty.out());

            Result installed = run(concat(List.of("plugin", "install", v1.toString(), "--name", "acme-vscc.jar"), where));
            assertEquals(0, installed.exit(), installed.toString());
            assertTrue(installed.out().startsWith("installed deploy/acme-vscc.jar: bundle acme.fixture.vscc 1.0.0 ACTIVE "
                    + "(sha256:" + sha256(v1) + ")\nregisters handler name FixtureValidation\n"), installed.out());
            assertTrue(installed.out().contains("  validator fixture (FixtureValidation): ACTIVE served by "
                    + "acme.fixture.vscc 1.0.0\n"), installed.out());
            assertTrue(Files.isRegularFile(deploy.resolve("acme-vscc.jar")), "written into the peer's deploy/");

            Result again = run(concat(List.of("plugin", "install", v2.toString(), "--name", "acme-vscc.jar"), where));
            assertEquals(4, again.exit(), again.toString());
            assertTrue(again.err().contains("refused by the peer (HTTP 409): deploy/acme-vscc.jar exists already "
                    + "(bundle acme.fixture.vscc 1.0.0); use 'weft-peer plugin update' to replace it"), again.err());

            Result user = runAs("User1", concat(List.of("plugin", "update", v2.toString(), "--name", "acme-vscc.jar"),
                    where), data);
            assertEquals(4, user.exit(), user.toString());
            assertTrue(user.err().contains("refused by the peer (HTTP 403): User1@org1.example.com is a member of "
                    + "Org1MSP but not an admin"), user.err());

            Result notBundle = run(concat(List.of("plugin", "install", plain.toString()), where));
            assertEquals(4, notBundle.exit(), notBundle.toString());
            assertTrue(notBundle.err().contains("(HTTP 400): library.jar is not an OSGi bundle: its manifest has no "
                    + "Bundle-SymbolicName"), notBundle.err());
            assertFalse(Files.exists(deploy.resolve("library.jar")), "nothing changes on a refusal");

            Result updated = run(concat(List.of("plugin", "update", v2.toString(), "--name", "acme-vscc.jar"), where));
            assertEquals(0, updated.exit(), updated.toString());
            assertTrue(updated.out().startsWith("updated deploy/acme-vscc.jar: bundle acme.fixture.vscc 2.0.0 ACTIVE"),
                    updated.out());
            assertTrue(updated.out().contains("  validator fixture (FixtureValidation): ACTIVE served by "
                    + "acme.fixture.vscc 2.0.0\n"), updated.out());

            Result broken = run(concat(List.of("plugin", "update", unresolvable.toString(), "--name", "acme-vscc.jar"),
                    where));
            assertEquals(1, broken.exit(), broken.toString());
            assertTrue(broken.err().contains("problem: bundle acme.fixture.vscc 3.0.0 cannot be resolved: it imports "
                    + "package weft.api.validation [2.0.0,3.0.0), but the peer exports weft.api.validation"),
                    broken.err());

            Result repaired = run(concat(List.of("plugin", "update", v1.toString(), "--name", "acme-vscc.jar"), where));
            assertEquals(0, repaired.exit(), repaired.toString());

            Result listed = run(concat(List.of("plugin", "list"), where));
            assertEquals(0, listed.exit(), listed.toString());
            assertTrue(listed.out().matches("(?s)deploy/ holds 1 plugin jar:\n  acme-vscc.jar +acme.fixture.vscc +1\\.0\\.0 "
                    + "+ACTIVE +sha256:" + sha256(v1) + "\n.*"), listed.out());

            Result uninstalled = run(concat(List.of("plugin", "uninstall", "acme-vscc.jar"), where));
            assertEquals(0, uninstalled.exit(), uninstalled.toString());
            assertTrue(uninstalled.out().startsWith("uninstalled deploy/acme-vscc.jar: bundle acme.fixture.vscc 1.0.0 "
                    + "removed"), uninstalled.out());
            assertTrue(uninstalled.out().contains("  validator fixture (FixtureValidation): FAILED\n"), uninstalled.out());
            assertFalse(Files.exists(deploy.resolve("acme-vscc.jar")));

            Result missing = run(concat(List.of("plugin", "uninstall", "acme-vscc.jar"), where));
            assertEquals(4, missing.exit(), missing.toString());
            assertTrue(missing.err().contains("(HTTP 404): deploy/acme-vscc.jar does not exist"), missing.err());

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertFalse(health.body().contains("\"component\":\"channels\""), "the channel still commits: " + health.body());
            assertTrue(peer.isAlive(), "the peer ran throughout");
            peer.destroy();
            assertTrue(peer.waitFor(30, TimeUnit.SECONDS), "the peer stops on SIGTERM");
        } finally {
            peer.destroyForcibly();
        }

        Result down = run(concat(List.of("plugin", "list"), where));
        assertEquals(3, down.exit(), down.toString());
        assertTrue(down.err().contains("cannot reach the peer's operations endpoint http://127.0.0.1:" + port
                + "/admin/plugins: nothing answers there"), down.err());

        Result invoke = run(concat(List.of("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c",
                "{\"function\":\"TransferAsset\",\"Args\":[\"asset1\",\"Zoe\"]}"), where));
        assertEquals(0, invoke.exit(), invoke.toString());
        assertTrue(invoke.out().contains("committed with status (VALID) at block 4"), invoke.out());
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        return finish(builder(args).start());
    }

    /** As the development network's {@code user} of Org1 (CORE_PEER_MSPCONFIGPATH, as Fabric's CLI). */
    private Result runAs(String user, String[] args, Path data) throws Exception {
        ProcessBuilder builder = builder(args);
        builder.environment().put("CORE_PEER_MSPCONFIGPATH", data.resolve("crypto/peerOrganizations/org1.example.com/"
                + "users/" + user + "@org1.example.com/msp").toString());
        builder.environment().put("CORE_PEER_LOCALMSPID", "Org1MSP");
        return finish(builder.start());
    }

    private static Result finish(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("weft-peer did not finish: " + out + err);
        }
        return new Result(process.exitValue(), out, err);
    }

    private Process start(Path log, String... args) throws IOException {
        return builder(args).redirectError(log.toFile()).start();
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

    private static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }

    private static void awaitLine(BufferedReader out, List<String> lines, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(prefix)) {
                return;
            }
        }
        throw new AssertionError("the peer's output ended before a line starting with '" + prefix + "': " + lines);
    }
}
