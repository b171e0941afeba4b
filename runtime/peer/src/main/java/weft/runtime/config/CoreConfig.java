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
 * @param transientStoreMaxBlockRetention {@code peer.gossip.pvtData.transientstoreMaxBlockRetention}: how many
 *                           blocks an endorsed proposal's private data waits in the transient store for its
 *                           transaction to commit (Fabric's default {@value #DEFAULT_TRANSIENT_RETENTION})
 * @param network            the gRPC services' address, TLS and message limits ({@code peer.listenAddress},
 *                           {@code peer.tls}, {@code peer.maxRecvMsgSize}, {@code peer.maxSendMsgSize})
 */
public record CoreConfig(Path source, String peerId, HandlersConfig handlers, ValidationSettings validation,
                         NodeSettings node, long transientStoreMaxBlockRetention, NetworkSettings network) {

    /** Fabric's default for {@code peer.gossip.pvtData.transientstoreMaxBlockRetention}. */
    public static final long DEFAULT_TRANSIENT_RETENTION = 1000;

    /** A configuration with the default node settings and transient-store retention. */
    public CoreConfig(Path source, String peerId, HandlersConfig handlers, ValidationSettings validation) {
        this(source, peerId, handlers, validation, NodeSettings.DEFAULTS, DEFAULT_TRANSIENT_RETENTION);
    }

    /** A configuration with the default network settings. */
    public CoreConfig(Path source, String peerId, HandlersConfig handlers, ValidationSettings validation,
                      NodeSettings node, long transientStoreMaxBlockRetention) {
        this(source, peerId, handlers, validation, node, transientStoreMaxBlockRetention, NetworkSettings.DEFAULTS);
    }

    public CoreConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(network, "network");
        if (transientStoreMaxBlockRetention <= 0) {
            throw new IllegalArgumentException("transientStoreMaxBlockRetention must be positive, was "
                    + transientStoreMaxBlockRetention);
        }
    }
}
