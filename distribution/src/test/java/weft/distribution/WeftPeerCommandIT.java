package weft.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
                      utxo: { name: UtxoValidation }
                """);

        Result result = run("handlers", "list", "--config", config.toString());

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("problem: handler validators.utxo (name UtxoValidation): unknown handler "
                + "name 'UtxoValidation': no installed bundle registers a validation plugin with that name "
                + "(available: [DefaultValidation])"), result.out());
    }

    @Test
    void malformedConfigurationExitsWithTwoAndNamesTheFile() throws Exception {
        Path config = PeerFixtures.writeConfig(dir, "peer:\n  handlers: [unclosed\n");

        Result result = run("handlers", "list", "--config", config.toString());

        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().startsWith("weft-peer: " + config + ": not valid YAML"), result.err());
    }

    @Test
    void nodeStartRunsUntilTerminated() throws Exception {
        Process peer = start("node", "start", "--data", dir.resolve("data").toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean started = false;
            while (!started && (line = out.readLine()) != null) {
                started = line.startsWith("Weft peer started with ");
            }
            assertTrue(started, "the peer reports that it started");
            assertTrue(peer.isAlive(), "and keeps running");
            assertTrue(Files.isDirectory(dir.resolve("data/felix-cache")), "its framework lives under --data");

            peer.destroy(); // SIGTERM: the shutdown hook stops the framework
            assertTrue(peer.waitFor(30, TimeUnit.SECONDS), "the peer stops on SIGTERM");
        } finally {
            peer.destroyForcibly();
        }
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

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(PeerFixtures.distribution().resolve("bin/weft-peer").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("WEFT_HOME");
        return builder.start();
    }
}
