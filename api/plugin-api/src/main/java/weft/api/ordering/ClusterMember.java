package weft.api.ordering;

import java.util.Objects;

/** One ordering node of a cluster: its stable id and the address where its consenter listens. */
public record ClusterMember(String id, String host, int port) {

    public ClusterMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a cluster member needs an id");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("cluster member " + id + ": port " + port + " is not a TCP port");
        }
    }

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }
}
