package weft.runtime.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the node serves its gRPC services, from {@code core.yaml} (Fabric's names). Relative file paths are
 * resolved against the peer's data directory, as the MSP paths are, so that the development network's generated
 * material ({@code crypto/...}) is found where it was written.
 *
 * @param listenAddress         {@code peer.listenAddress}: host:port of the peer's services (Endorser, Deliver,
 *                              Gateway, and this node's orderer AtomicBroadcast); Fabric's default {@value #DEFAULT_LISTEN_ADDRESS}
 * @param orderingListenAddress {@code peer.ordering.listenAddress}: a second address serving only AtomicBroadcast,
 *                              when set
 * @param tls                   {@code peer.tls}
 * @param maxRecvMsgSize        {@code peer.maxRecvMsgSize}: the largest message accepted, in bytes (Fabric's default
 *                              100 MiB)
 * @param maxSendMsgSize        {@code peer.maxSendMsgSize}: the largest message sent, in bytes
 * @param orderingTls           {@code peer.ordering.tls}: the certificate and key the ordering listener presents (the
 *                              orderer's TLS identity, which the channel configuration's orderer TLS roots vouch
 *                              for); without it the ordering listener presents {@code peer.tls}'s
 */
public record NetworkSettings(String listenAddress, Optional<String> orderingListenAddress, Tls tls,
                              int maxRecvMsgSize, int maxSendMsgSize, Optional<OrderingTls> orderingTls) {

    /**
     * {@code peer.ordering.tls}: the ordering listener's own TLS identity.
     *
     * @param certFile {@code peer.ordering.tls.cert.file}
     * @param keyFile  {@code peer.ordering.tls.key.file}
     */
    public record OrderingTls(String certFile, String keyFile) {
        public OrderingTls {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }
    }

    /** Settings whose ordering listener, if any, presents {@code peer.tls}'s certificate. */
    public NetworkSettings(String listenAddress, Optional<String> orderingListenAddress, Tls tls, int maxRecvMsgSize,
                           int maxSendMsgSize) {
        this(listenAddress, orderingListenAddress, tls, maxRecvMsgSize, maxSendMsgSize, Optional.empty());
    }

    public static final String DEFAULT_LISTEN_ADDRESS = "0.0.0.0:7051";
    /** Fabric's default for {@code peer.maxRecvMsgSize} and {@code peer.maxSendMsgSize}: 100 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 100 * 1024 * 1024;

    public static final NetworkSettings DEFAULTS = new NetworkSettings(DEFAULT_LISTEN_ADDRESS, Optional.empty(),
            Tls.DISABLED, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_MESSAGE_SIZE);

    /**
     * {@code peer.tls}.
     *
     * @param enabled            {@code peer.tls.enabled}
     * @param certFile           {@code peer.tls.cert.file}: the server certificate (PEM)
     * @param keyFile            {@code peer.tls.key.file}: its private key (PKCS#8 or SEC1 PEM)
     * @param rootCertFile       {@code peer.tls.rootcert.file}: the TLS CA certificate of this node's organisation
     * @param clientAuthRequired {@code peer.tls.clientAuthRequired}: mutual TLS
     * @param clientRootCAFiles  {@code peer.tls.clientRootCAs.files}: the CAs a client certificate must chain to
     *                           (with {@code rootCertFile})
     */
    public record Tls(boolean enabled, String certFile, String keyFile, Optional<String> rootCertFile,
                      boolean clientAuthRequired, List<String> clientRootCAFiles) {

        /** Fabric's defaults, with TLS off. */
        public static final Tls DISABLED = new Tls(false, "tls/server.crt", "tls/server.key", Optional.of("tls/ca.crt"),
                false, List.of());

        public Tls {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(rootCertFile, "rootCertFile");
            clientRootCAFiles = List.copyOf(clientRootCAFiles);
        }
    }

    public NetworkSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(orderingListenAddress, "orderingListenAddress");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(orderingTls, "orderingTls");
        if (maxRecvMsgSize <= 0 || maxSendMsgSize <= 0) {
            throw new IllegalArgumentException("message size limits must be positive");
        }
    }
}
