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
