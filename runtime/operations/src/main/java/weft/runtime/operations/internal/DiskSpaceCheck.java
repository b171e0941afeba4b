package weft.runtime.operations.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import weft.runtime.health.HealthCheck;

/**
 * {@code disk}: the file system holding the peer's data directory has at least {@code operations.minFreeDiskMB}
 * MiB free. A ledger that cannot append stops the channel; this says so before it happens.
 */
final class DiskSpaceCheck implements HealthCheck {

    private static final long MIB = 1024 * 1024;

    private final Path directory;
    private final long minimumFreeMiB;

    DiskSpaceCheck(Path directory, long minimumFreeMiB) {
        this.directory = directory;
        this.minimumFreeMiB = minimumFreeMiB;
    }

    @Override
    public String component() {
        return "disk";
    }

    @Override
    public Optional<String> problem() {
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("data directory " + directory + " does not exist");
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace() / MIB;
            return free >= minimumFreeMiB ? Optional.empty()
                    : Optional.of("only " + free + " MiB free for data directory " + directory + " (at least "
                    + minimumFreeMiB + " MiB wanted: operations.minFreeDiskMB)");
        } catch (IOException e) {
            return Optional.of("cannot read the free space of " + directory + ": " + e.getMessage());
        }
    }
}
