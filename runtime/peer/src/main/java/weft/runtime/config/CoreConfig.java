package weft.runtime.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the peer reads from {@code core.yaml}.
 *
 * @param source             the file it came from, for messages
 * @param peerId             {@code peer.id}
 * @param handlers           {@code peer.handlers}
 * @param validatorPoolSize  {@code peer.validatorPoolSize}; an empty or non-positive value means the number of cores
 */
public record CoreConfig(Path source, String peerId, HandlersConfig handlers, int validatorPoolSize) {

    public CoreConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(handlers, "handlers");
        if (validatorPoolSize <= 0) {
            throw new IllegalArgumentException("validatorPoolSize must be positive, was " + validatorPoolSize);
        }
    }
}
