package weft.runtime.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the peer reads from {@code core.yaml}.
 *
 * @param source             the file it came from, for messages
 * @param peerId             {@code peer.id}
 * @param handlers           {@code peer.handlers}
 * @param validation         how blocks are validated: {@code peer.validatorPoolSize} and {@code peer.validation}
 * @param node               the node's identities and its development network
 */
public record CoreConfig(Path source, String peerId, HandlersConfig handlers, ValidationSettings validation,
                         NodeSettings node) {

    public CoreConfig(Path source, String peerId, HandlersConfig handlers, ValidationSettings validation) {
        this(source, peerId, handlers, validation, NodeSettings.DEFAULTS);
    }

    public CoreConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(node, "node");
    }
}
