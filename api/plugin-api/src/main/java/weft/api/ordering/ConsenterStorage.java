package weft.api.ordering;

import java.nio.file.Path;
import java.util.Objects;
import weft.api.plugin.Dependency;

/**
 * A directory that belongs to one channel's consenter on this node, for state of its own (a Raft log,
 * snapshots). Blocks are not kept here: they go through {@link ChainSupport}.
 */
public record ConsenterStorage(Path directory) implements Dependency {

    public ConsenterStorage {
        Objects.requireNonNull(directory, "directory");
    }
}
