package weft.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command: {@code weft-peer node start} with the shipped core.yaml brings up a two-organisation
 * network on loopback — the ordering service and Org1's peer on this node, Org2's peer following the ordering
 * service over gRPC — and the unmodified fabric-gateway client uses each organisation's peer with that
 * organisation's user. Transactions need both organisations' endorsements (the channel's MAJORITY policy), which
 * each peer's gateway collects from the other peer over gRPC.
 */
class TwoOrganizationNetworkIT {

    @TempDir
    Path dir;

    @Test
    void eachOrganisationsPeerServesTheFabricGatewayClientAndTheyAgreeOnTheLedger() throws Exception {
        int peerPort = freePort();
        int ordererPort = freePort();
        int operationsPort = freePort();
        Path home = PeerFixtures.distribution();
        String yaml = Files.readString(home.resolve("config/core.yaml"))
                .replace("listenAddress: 0.0.0.0:7051", "listenAddress: 127.0.0.1:" + peerPort)
                .replace("listenAddress: 127.0.0.1:7050", "listenAddress: 127.0.0.1:" + ordererPort)
                .replace("ordererAddress: 127.0.0.1:7050", "ordererAddress: 127.0.0.1:" + ordererPort)
                .replace("listenAddress: 127.0.0.1:9443", "listenAddress: 127.0.0.1:" + operationsPort)
                .replace("../chaincode/asset-transfer-basic.jar", home.resolve("chaincode/asset-transfer-basic.jar").toString());
        assertTrue(yaml.contains("organizations: 2"), "the shipped development network has two organisations");
        Path config = Files.writeString(dir.resolve("core.yaml"), yaml);
        Path data = dir.resolve("data");
        List<String> lines = new ArrayList<>();
        Process peer = start(dir.resolve("node.log"), "node", "start", "--config", config.toString(),
                "--data", data.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("Weft peer running on ")) {
                lines.add(line);
            }
            assertTrue(line != null, "the peer did not start: " + lines + "\n" + Files.readString(dir.resolve("node.log")));
            assertTrue(lines.stream().anyMatch(l -> l.contains("approved by 2 organisation(s)")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Org2MSP's peer (127.0.0.1:" + (peerPort + 2000) + ")")),
                    lines.toString());

            try (Client org1 = new Client(data, 1, peerPort); Client org2 = new Client(data, 2, peerPort + 2000)) {
                SubmittedTransaction created = org1.contract.newProposal("CreateAsset")
                        .addArguments("asset100", "red", "5", "Tom", "100").build().endorse().submitAsync();
                Status status = created.getStatus();
                assertTrue(status.isSuccessful(), "endorsed by both organisations, committed VALID: " + status.getCode());

                String read = awaitRead(org2.contract, "asset100");
                assertTrue(read.contains("Tom"), "Org2's peer committed the block ordered for Org1's client: " + read);

                SubmittedTransaction transferred = org2.contract.newProposal("TransferAsset")
                        .addArguments("asset100", "Ana").build().endorse().submitAsync();
                assertTrue(transferred.getStatus().isSuccessful(), "submitted through Org2's peer, ordered over gRPC");
                assertEquals(created.getStatus().getBlockNumber() + 1 <= transferred.getStatus().getBlockNumber(), true);
                assertTrue(awaitRead(org1.contract, "asset100").contains("Ana"));
            }
        } finally {
            peer.destroy();
            peer.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A node of its own that does not order ({@code peer.ordering.enabled: false}, no development network): it
     * joins the channel from the genesis block the ordering node keeps ({@code channel join -b}) and, once started,
     * follows the ordering service over gRPC up to the ordering node's height.
     */
    @Test
    void aPeerOnlyNodeJoinsTheChannelFromItsGenesisBlockAndFollowsTheOrderingService() throws Exception {
        int peerPort = freePort();
        int ordererPort = freePort();
        Path home = PeerFixtures.distribution();
        String shipped = Files.readString(home.resolve("config/core.yaml"));
        String ordering = shipped
                .replace("listenAddress: 0.0.0.0:7051", "listenAddress: 127.0.0.1:" + peerPort)
                .replace("listenAddress: 127.0.0.1:7050", "listenAddress: 127.0.0.1:" + ordererPort)
                .replace("ordererAddress: 127.0.0.1:7050", "ordererAddress: 127.0.0.1:" + ordererPort)
                .replace("listenAddress: 127.0.0.1:9443", "listenAddress: 127.0.0.1:" + freePort())
                .replace("../chaincode/asset-transfer-basic.jar", home.resolve("chaincode/asset-transfer-basic.jar").toString());
        Path orderingData = dir.resolve("ordering");
        int followerOperations = freePort();
        String follower = shipped
                .replace("    enabled: true\n    mspConfigPath: crypto/ordererOrganizations",
                        "    enabled: false\n    mspConfigPath: crypto/ordererOrganizations")
                .replace("  devNetwork:\n    enabled: true", "  devNetwork:\n    enabled: false")
                .replace("listenAddress: 0.0.0.0:7051", "listenAddress: 127.0.0.1:" + freePort())
                .replace("listenAddress: 127.0.0.1:9443", "listenAddress: 127.0.0.1:" + followerOperations);
        assertTrue(follower.contains("enabled: false\n    mspConfigPath: crypto/ordererOrganizations"), "ordering off");
        Path followerConfig = Files.writeString(dir.resolve("follower.yaml"), follower);
        Path followerData = Files.createDirectories(dir.resolve("follower"));
        // The follower is another peer of Org1: the same generated material, reached through its data directory.
        Files.createSymbolicLink(followerData.resolve("crypto"), orderingData.resolve("crypto"));

        Process node = start(dir.resolve("ordering.log"), "node", "start", "--config",
                Files.writeString(dir.resolve("ordering.yaml"), ordering).toString(), "--data", orderingData.toString());
        Process peer = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            long height = -1;
            String line;
            while ((line = out.readLine()) != null && !line.contains("Weft peer running on ")) {
                if (line.startsWith("channel mychannel: height ")) {
                    height = Long.parseLong(line.substring("channel mychannel: height ".length()).split(",")[0]);
                }
            }
            assertTrue(height > 1, "the ordering node started: " + Files.readString(dir.resolve("ordering.log")));

            Process join = start(dir.resolve("join.log"), "channel", "join", "-b",
                    orderingData.resolve("channels/mychannel/genesis.block").toString(), "--config",
                    followerConfig.toString(), "--data", followerData.toString());
            String joined = new String(join.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(join.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, join.exitValue(), joined + Files.readString(dir.resolve("join.log")));
            assertTrue(joined.contains("joined channel mychannel at height 1, following the ordering service"), joined);

            peer = start(dir.resolve("follower.log"), "node", "start", "--config", followerConfig.toString(),
                    "--data", followerData.toString());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String expected = "ledger_blockchain_height{channel=\"mychannel\"} " + height + ".0";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String metrics = "";
            while (!metrics.contains(expected) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                try {
                    metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + followerOperations + "/metrics")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException notYet) {
                    // the follower is still starting
                }
            }
            assertTrue(metrics.contains(expected), "the follower caught up with the ordering node (" + expected + "): "
                    + metrics.lines().filter(l -> l.startsWith("ledger_blockchain_height")).toList() + "\n"
                    + Files.readString(dir.resolve("follower.log")));
        } finally {
            if (peer != null) {
                peer.destroy();
                peer.waitFor(30, TimeUnit.SECONDS);
            }
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Reads an asset, retrying briefly while the peer has not committed the block yet. */
    private static String awaitRead(Contract contract, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return new String(contract.evaluateTransaction("ReadAsset", id), StandardCharsets.UTF_8);
            } catch (org.hyperledger.fabric.client.GatewayException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** A fabric-gateway connection to Org{@code n}'s peer as its User1, over TLS trusting the organisation's TLS CA. */
    private static final class Client implements AutoCloseable {
        final ManagedChannel channel;
        final Gateway gateway;
        final Contract contract;

        Client(Path data, int organization, int port) throws Exception {
            Path org = data.resolve("crypto/peerOrganizations/org" + organization + ".example.com");
            Path user = org.resolve("users/User1@org" + organization + ".example.com/msp");
            channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, TlsChannelCredentials.newBuilder()
                    .trustManager(org.resolve("tlsca/tlsca.org" + organization + ".example.com-cert.pem").toFile())
                    .build()).build();
            X509Identity identity;
            try (var files = Files.list(user.resolve("signcerts"));
                 var reader = Files.newBufferedReader(files.findFirst().orElseThrow())) {
                identity = new X509Identity("Org" + organization + "MSP", Identities.readX509Certificate(reader));
            }
            var signer = Signers.newPrivateKeySigner(Identities.readPrivateKey(
                    Files.readString(user.resolve("keystore/priv_sk"), StandardCharsets.UTF_8)));
            gateway = Gateway.newInstance().identity(identity).signer(signer).connection(channel)
                    .evaluateOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .endorseOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .submitOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .connect();
            contract = gateway.getNetwork("mychannel").getContract("basic");
        }

        @Override
        public void close() throws InterruptedException {
            gateway.close();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(PeerFixtures.distribution().resolve("bin/weft-peer").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("WEFT_HOME");
        builder.environment().remove("CORE_PEER_MSPCONFIGPATH");
        builder.environment().remove("CORE_PEER_LOCALMSPID");
        return builder.start();
    }
}
