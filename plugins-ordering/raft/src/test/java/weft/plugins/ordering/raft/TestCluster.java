package weft.plugins.ordering.raft;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.Cluster;
import weft.api.ordering.ClusterMember;
import weft.api.ordering.ConsenterStorage;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ordering.FileChainSupport;
import weft.runtime.ordering.testing.OrderingFixture;

/** Raft ordering nodes on loopback, each with its own free port, block store and Raft directory. */
final class TestCluster implements AutoCloseable {

    /** Quick elections and frequent snapshots, so failover and catch-up happen within a test. */
    static final RaftSettings FAST = new RaftSettings(Duration.ofMillis(300), Duration.ofMillis(600), 100,
            16 * 1024, Duration.ofSeconds(2));

    final OrderingFixture fixture = new OrderingFixture();
    final List<ClusterMember> members = new ArrayList<>();
    final Node[] nodes;
    private final Path root;
    private final BatchConfig batch;
    private final RaftSettings settings;

    /** One ordering node: its store and, while running, its consenter. */
    final class Node {
        final String id;
        FileChainSupport support;
        RaftConsenter consenter;

        Node(String id) {
            this.id = id;
        }

        void start() throws Exception {
            support = fixture.chainSupport(root.resolve(id).resolve("blocks"), id, batch);
            consenter = (RaftConsenter) new RaftConsenterFactory(settings).newConsenter(support,
                    new Cluster(id, members), new ConsenterStorage(root.resolve(id).resolve("raft")));
        }

        /** Stops the node as a crash would, as far as the others can tell: its ports close, nothing more is said. */
        void stop() {
            if (consenter != null) {
                consenter.close();
                support.close();
                consenter = null;
            }
        }

        boolean running() {
            return consenter != null;
        }

        /** Every block of this node's store, in order. */
        List<Block> blocks() throws Exception {
            List<Block> blocks = new ArrayList<>();
            for (long n = 0; ; n++) {
                Optional<Block> block = support.block(n);
                if (block.isEmpty()) {
                    return blocks;
                }
                blocks.add(block.get());
            }
        }
    }

    TestCluster(Path root, int size, BatchConfig batch, RaftSettings settings) throws IOException {
        this.root = root;
        this.batch = batch;
        this.settings = settings;
        nodes = new Node[size];
        for (int i = 0; i < size; i++) {
            members.add(new ClusterMember("orderer" + i, "127.0.0.1", freePort()));
            nodes[i] = new Node("orderer" + i);
        }
    }

    void startAll() throws Exception {
        for (Node node : nodes) {
            node.start();
        }
    }

    Node awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Node node : nodes) {
                if (node.running() && node.consenter.isLeader()) {
                    return node;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader elected within " + timeout);
    }

    Node anyFollower(Node leader) {
        for (Node node : nodes) {
            if (node != leader && node.running()) {
                return node;
            }
        }
        throw new AssertionError("no follower running");
    }

    /** Waits until every running node holds {@code height} blocks. */
    void awaitHeight(long height, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Node node : nodes) {
                all &= !node.running() || node.support.height() >= height;
            }
            if (all) {
                return;
            }
            Thread.sleep(20);
        }
        StringBuilder heights = new StringBuilder();
        for (Node node : nodes) {
            heights.append(node.id).append('=').append(node.running() ? node.support.height() : -1).append(' ');
        }
        throw new AssertionError("nodes did not reach height " + height + " within " + timeout + ": " + heights);
    }

    /** The header hashes of a node's chain, which must be the same on every node. */
    static List<com.google.protobuf.ByteString> headerHashes(List<Block> blocks) {
        return blocks.stream().map(b -> BlockHashes.headerHash(b.getHeader())).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.stop();
        }
    }
}
