package weft.runtime.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code core.yaml} handler entry: the handler {@code name} a plugin registers under, and optionally the
 * {@code library} bundle jar to install first (Weft's analogue of Fabric's Go plugin {@code .so}).
 *
 * @param library absolute path of the bundle jar, already resolved against the configuration file's directory
 */
public record HandlerSpec(String name, Optional<Path> library) {

    public HandlerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(library, "library");
    }
}
