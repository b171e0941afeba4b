package weft.runtime.network;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.config.NetworkSettings;
import weft.runtime.network.internal.ClientCertificates;
import weft.runtime.network.internal.Services;

/**
 * The node's gRPC server: the peer's Endorser, Deliver and Gateway services and the orderer's AtomicBroadcast on
 * {@code peer.listenAddress} (and AtomicBroadcast alone on {@code peer.ordering.listenAddress} when set), over
 * plain TCP, TLS, or mutual TLS, with {@code peer.maxRecvMsgSize} as the largest accepted message.
 * <pre>{@code
 * try (NetworkServer server = NetworkServer.start(gateway, "Org1MSP", config.network(), dataDirectory)) {
 *     System.out.println("serving on port " + server.port());
 * }
 * }</pre>
 */
public final class NetworkServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NetworkServer.class.getName());
    private static final Duration ORDERING_TIMEOUT = Duration.ofSeconds(30);

    private final Server server;
    private final Optional<Server> ordering;
    private final boolean tls;

    private NetworkServer(Server server, Optional<Server> ordering, boolean tls) {
        this.server = server;
        this.ordering = ordering;
        this.tls = tls;
    }

    /**
     * Starts serving, with this node's own peer as the only endorser of its organisation {@code mspId}.
     *
     * @param baseDirectory what relative TLS file paths are resolved against (the peer's data directory)
     * @throws NetworkException when an address cannot be bound or the TLS material is missing or unusable
     */
    public static NetworkServer start(ChannelGateway gateway, String mspId, NetworkSettings settings,
                                      Path baseDirectory) throws NetworkException {
        OrganizationEndorsers local = Services.localEndorser(gateway, mspId, settings.listenAddress());
        return start(gateway, settings, baseDirectory, channel -> List.of(local));
    }

    /**
     * Starts serving, with the gateway collecting endorsements from {@code endorsers} (for a channel: one endorser
     * per organisation).
     */
    public static NetworkServer start(ChannelGateway gateway, NetworkSettings settings, Path baseDirectory,
                                      Function<String, List<OrganizationEndorsers>> endorsers) throws NetworkException {
        ServerCredentials credentials = credentials(settings.tls(), baseDirectory);
        int maxSend = settings.maxSendMsgSize();
        boolean mutualTls = settings.tls().enabled() && settings.tls().clientAuthRequired();
        List<BindableService> peer = Services.peer(gateway, endorsers, ORDERING_TIMEOUT, maxSend, mutualTls);
        Server main = bind(settings.listenAddress(), "peer.listenAddress", credentials, settings, peer);
        Optional<Server> orderer = Optional.empty();
        if (settings.orderingListenAddress().isPresent()) {
            try {
                // The ordering listener presents the orderer's TLS identity when one is configured: peers trust
                // ordering nodes through the orderer organisations' TLS roots in the channel configuration.
                ServerCredentials ordererCredentials = settings.orderingTls().isEmpty() ? credentials
                        : credentials(new NetworkSettings.Tls(settings.tls().enabled(),
                                settings.orderingTls().get().certFile(), settings.orderingTls().get().keyFile(),
                                settings.tls().rootCertFile(), settings.tls().clientAuthRequired(),
                                settings.tls().clientRootCAFiles()), baseDirectory, "peer.ordering.tls");
                orderer = Optional.of(bind(settings.orderingListenAddress().get(), "peer.ordering.listenAddress",
                        ordererCredentials, settings,
                        List.of(Services.orderer(gateway, ORDERING_TIMEOUT, maxSend, mutualTls))));
            } catch (NetworkException e) {
                main.shutdownNow();
                throw e;
            }
        }
        NetworkServer started = new NetworkServer(main, orderer, settings.tls().enabled());
        LOG.log(System.Logger.Level.INFO, "serving Endorser, Deliver, Gateway and AtomicBroadcast on port {0}{1}",
                String.valueOf(started.port()), settings.tls().enabled()
                        ? (settings.tls().clientAuthRequired() ? " (mutual TLS)" : " (TLS)") : " (no TLS)");
        return started;
    }

    private static Server bind(String address, String setting, ServerCredentials credentials,
                               NetworkSettings settings, List<BindableService> services) throws NetworkException {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetSocketAddress socket = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        NettyServerBuilder builder;
        try {
            builder = NettyServerBuilder.forAddress(socket, credentials);
        } catch (IllegalArgumentException e) {
            // The TLS engine reads the PEM files here: a key that is not a key, a certificate that is not one.
            NetworkSettings.Tls tls = settings.tls();
            throw new NetworkException("core.yaml peer.tls.cert.file/peer.tls.key.file: cannot use " + tls.certFile()
                    + " with " + tls.keyFile() + " (a PEM certificate and its PKCS#8 PEM key"
                    + (tls.clientAuthRequired() ? ", and PEM client root CA certificates" : "") + "): "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        builder.maxInboundMessageSize(settings.maxRecvMsgSize())
                // Fabric's clients ping idle connections every minute or so; allow it rather than closing them.
                .permitKeepAliveTime(5, TimeUnit.SECONDS).permitKeepAliveWithoutCalls(true);
        services.forEach(builder::addService);
        builder.intercept(new ClientCertificates());
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new NetworkException("core.yaml " + setting + ": cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The TLS settings as gRPC credentials; every file is checked first, so that a message names the setting. */
    static ServerCredentials credentials(NetworkSettings.Tls tls, Path base) throws NetworkException {
        return credentials(tls, base, "peer.tls");
    }

    /** As {@link #credentials(NetworkSettings.Tls, Path)}; {@code section} names the certificate's settings. */
    static ServerCredentials credentials(NetworkSettings.Tls tls, Path base, String section) throws NetworkException {
        if (!tls.enabled()) {
            return InsecureServerCredentials.create();
        }
        Path certificate = existing(base, tls.certFile(), section + ".cert.file");
        Path key = existing(base, tls.keyFile(), section + ".key.file");
        TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder();
        try {
            builder.keyManager(certificate.toFile(), key.toFile());
        } catch (IOException | RuntimeException e) {
            throw new NetworkException("core.yaml peer.tls.cert.file/peer.tls.key.file: cannot use " + certificate
                    + " with " + key + " (a PEM certificate and its PKCS#8 PEM key): " + e.getMessage(), e);
        }
        if (tls.clientAuthRequired()) {
            Set<Path> roots = new LinkedHashSet<>();
            if (tls.rootCertFile().isPresent()) {
                roots.add(existing(base, tls.rootCertFile().get(), "peer.tls.rootcert.file"));
            }
            for (int i = 0; i < tls.clientRootCAFiles().size(); i++) {
                roots.add(existing(base, tls.clientRootCAFiles().get(i), "peer.tls.clientRootCAs.files[" + i + "]"));
            }
            if (roots.isEmpty()) {
                throw new NetworkException("core.yaml peer.tls.clientAuthRequired is true but neither "
                        + "peer.tls.rootcert.file nor peer.tls.clientRootCAs.files names a CA to check clients against");
            }
            ByteArrayOutputStream pem = new ByteArrayOutputStream();
            for (Path root : roots) {
                try {
                    pem.write(Files.readAllBytes(root));
                    pem.write('\n');
                } catch (IOException e) {
                    throw new NetworkException("cannot read client root CA " + root + ": " + e.getMessage(), e);
                }
            }
            try {
                builder.trustManager(new ByteArrayInputStream(pem.toByteArray()))
                        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            } catch (IOException | RuntimeException e) {
                throw new NetworkException("core.yaml peer.tls client root CAs " + roots + ": not usable PEM "
                        + "certificates: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static Path existing(Path base, String file, String setting) throws NetworkException {
        Path path = base.resolve(file).normalize();
        if (!Files.isRegularFile(path)) {
            throw new NetworkException("core.yaml " + setting + ": " + path + " does not exist (TLS is enabled: "
                    + "peer.tls.enabled is true)");
        }
        return path;
    }

    /** The port the peer's services listen on (the bound one when {@code peer.listenAddress} named port 0). */
    public int port() {
        return server.getPort();
    }

    /** The port of the separate ordering listener, when {@code peer.ordering.listenAddress} is set. */
    public Optional<Integer> orderingPort() {
        return ordering.map(Server::getPort);
    }

    public boolean tls() {
        return tls;
    }

    /** Stops accepting calls and ends the open ones (waits up to 5 s for them). */
    @Override
    public void close() {
        List<Server> all = new ArrayList<>();
        all.add(server);
        ordering.ifPresent(all::add);
        all.forEach(Server::shutdownNow);
        for (Server s : all) {
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
