package weft.plugins.ordering.raft;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.Cluster;
import weft.api.ordering.ClusterMember;
import weft.api.ordering.Consenter;
import weft.api.ordering.ConsenterStorage;
import weft.runtime.ordering.FileChainSupport;
import weft.runtime.ordering.testing.OrderingFixture;

/** A Raft cluster on loopback with the default (production) settings, for the ordering benchmark. */
public final class RaftBenchmarkNodes implements AutoCloseable {

    private final List<FileChainSupport> supports = new ArrayList<>();
    private final List<RaftConsenter> consenters = new ArrayList<>();

    private RaftBenchmarkNodes() {
    }

    public static RaftBenchmarkNodes start(OrderingFixture fixture, Path dir, int size, BatchConfig batch) throws Exception {
        RaftBenchmarkNodes nodes = new RaftBenchmarkNodes();
        List<ClusterMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                members.add(new ClusterMember("orderer" + i, "127.0.0.1", socket.getLocalPort()));
            }
        }
        for (ClusterMember member : members) {
            FileChainSupport support = fixture.chainSupport(dir.resolve(member.id()).resolve("blocks"), member.id(), batch);
            nodes.supports.add(support);
            nodes.consenters.add(new RaftConsenter(support, new Cluster(member.id(), members),
                    new ConsenterStorage(dir.resolve(member.id()).resolve("raft")), RaftSettings.DEFAULT));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (nodes.consenters.stream().noneMatch(RaftConsenter::isLeader)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no leader within 30 s");
            }
            Thread.sleep(20);
        }
        return nodes;
    }

    /** A follower, as a peer would usually reach one: broadcasts travel to the leader. */
    public Consenter submitter() {
        return consenters.stream().filter(c -> !c.isLeader()).findFirst().orElse(consenters.get(0));
    }

    /** Waits until every node has written the blocks the leader has. */
    public void awaitAllHeights() throws InterruptedException {
        long target = supports.stream().mapToLong(FileChainSupport::height).max().orElse(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (supports.stream().anyMatch(s -> s.height() < target) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        consenters.forEach(RaftConsenter::close);
        supports.forEach(FileChainSupport::close);
    }
}
