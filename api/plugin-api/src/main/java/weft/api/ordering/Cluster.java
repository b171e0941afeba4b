package weft.api.ordering;

import java.util.List;
import java.util.Objects;
import weft.api.plugin.Dependency;

/**
 * The ordering nodes of one channel and which of them this node is (Fabric's {@code Consenters} list of an
 * {@code etcdraft} channel). Every node must be given the same members.
 * <pre>{@code
 * new Cluster("orderer1", List.of(new ClusterMember("orderer1", "127.0.0.1", 7051),
 *                                 new ClusterMember("orderer2", "127.0.0.1", 7052),
 *                                 new ClusterMember("orderer3", "127.0.0.1", 7053)))
 * }</pre>
 */
public record Cluster(String self, List<ClusterMember> members) implements Dependency {

    public Cluster {
        Objects.requireNonNull(self, "self");
        members = List.copyOf(members);
        if (members.stream().map(ClusterMember::id).distinct().count() != members.size()) {
            throw new IllegalArgumentException("cluster member ids must be unique: " + members);
        }
        if (members.stream().noneMatch(m -> m.id().equals(self))) {
            throw new IllegalArgumentException("this node (" + self + ") is not among the cluster members " + members);
        }
    }

    /** This node's entry. */
    public ClusterMember selfMember() {
        return members.stream().filter(m -> m.id().equals(self)).findFirst().orElseThrow();
    }
}
