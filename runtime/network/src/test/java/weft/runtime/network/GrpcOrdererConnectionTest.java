package weft.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.ordering.BlockStream;
import weft.api.ordering.OrderingException;
import weft.runtime.channel.GatewayClient;
import weft.runtime.channel.OrdererConnection;
import weft.runtime.channel.OrdererConnector;
import weft.runtime.config.NetworkSettings;
import weft.runtime.network.internal.GrpcOrdererConnector;

/**
 * A peer that does not order its channels, reaching the ordering service over gRPC with mutual TLS as Fabric's
 * deliver client does: the blocks in order from a height, envelopes broadcast with Fabric's statuses, and delivery
 * resumed from the next block after the ordering node's server went away and came back.
 */
class GrpcOrdererConnectionTest {

    @TempDir
    static Path directory;

    static NetworkTestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = new NetworkTestNode(directory, NetworkTestNode.DEFAULT_MAX, Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** The connector as a peer of Org1 configures it: its TLS CA, and User1's TLS key pair for mutual TLS. */
    private static OrdererConnector connector() {
        Path peerTls = node.org1.identities("peer").get(0).tlsFolder();
        Path clientTls = node.org1.identities("client").get(0).tlsFolder();
        return new GrpcOrdererConnector(new NetworkSettings("127.0.0.1:0", Optional.empty(),
                new NetworkSettings.Tls(true, clientTls.resolve("client.crt").toString(),
                        clientTls.resolve("client.key").toString(), Optional.of(peerTls.resolve("ca.crt").toString()),
                        true, List.of()), NetworkTestNode.DEFAULT_MAX, NetworkTestNode.DEFAULT_MAX), directory);
    }

    private static OrdererConnection connect(int port) throws Exception {
        return connector().connect(NetworkTestNode.CHANNEL, new OrdererConnector.OrdererEndpoints(
                List.of("127.0.0.1:" + port), List.of()), node.peer);
    }

    private static Envelope endorsedTransaction(String assetId) throws Exception {
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(NetworkTestNode.CHANNEL, "basic",
                List.of("CreateAsset", assetId, "red", "1", "Kim", "9"));
        return client.transaction(proposed, List.of(node.host.endorse(proposed.signed())));
    }

    @Test
    void theBlocksArriveInOrderAndABroadcastTransactionIsCutIntoTheNextOne() throws Exception {
        try (OrdererConnection connection = connect(node.server.port());
             BlockStream blocks = connection.blocks(0)) {
            long height = node.host.height(NetworkTestNode.CHANNEL);
            for (long number = 0; number < height; number++) {
                Block block = blocks.next(NetworkTestNode.TIMEOUT).orElseThrow();
                assertEquals(node.host.block(NetworkTestNode.CHANNEL, number).orElseThrow().getHeader(),
                        block.getHeader());
            }

            connection.broadcast(endorsedTransaction("grpc1").toByteString()).get(30, TimeUnit.SECONDS);

            Block next = blocks.next(NetworkTestNode.TIMEOUT).orElseThrow();
            assertTrue(next.getHeader().getNumber() >= height);
        }
    }

    @Test
    void aRefusedEnvelopeFailsWithTheOrderersStatusAndTheStreamKeepsServing() throws Exception {
        try (OrdererConnection connection = connect(node.server.port())) {
            Envelope garbage = endorsedTransaction("grpc2").toBuilder()
                    .setPayload(ByteString.copyFromUtf8("not a payload")).build();

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> connection.broadcast(garbage.toByteString()).get(30, TimeUnit.SECONDS));
            assertEquals(Status.BAD_REQUEST, assertInstanceOf(OrderingException.class, refused.getCause()).status());

            connection.broadcast(endorsedTransaction("grpc3").toByteString()).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void deliveryResumesFromTheNextBlockWhenTheOrderingNodeComesBack() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        NetworkServer first = serve(port);
        try (OrdererConnection connection = connect(port);
             BlockStream blocks = connection.blocks(0)) {
            long height = node.host.height(NetworkTestNode.CHANNEL);
            for (long number = 0; number < height; number++) {
                blocks.next(NetworkTestNode.TIMEOUT).orElseThrow();
            }
            first.close();
            node.host.submit(endorsedTransaction("grpc4"), NetworkTestNode.TIMEOUT); // cut while nobody serves
            try (NetworkServer second = serve(port)) {
                Block next = blocks.next(NetworkTestNode.TIMEOUT).orElseThrow();
                assertEquals(height, next.getHeader().getNumber(), "no block skipped, none delivered twice");
            }
        } finally {
            first.close();
        }
    }

    private static NetworkServer serve(int port) throws NetworkException {
        Path peerTls = node.org1.identities("peer").get(0).tlsFolder();
        return NetworkServer.start(node.host, node.org1.mspId(), new NetworkSettings("127.0.0.1:" + port,
                Optional.empty(), new NetworkSettings.Tls(true, peerTls.resolve("server.crt").toString(),
                        peerTls.resolve("server.key").toString(), Optional.of(peerTls.resolve("ca.crt").toString()),
                        true, List.of()), NetworkTestNode.DEFAULT_MAX, NetworkTestNode.DEFAULT_MAX), directory);
    }
}
