package weft.runtime.network.internal;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.config.CoreConfig;
import weft.runtime.config.NetworkSettings;
import weft.runtime.network.NetworkException;
import weft.runtime.network.NetworkServer;
import weft.runtime.network.OrganizationEndorsers;

/**
 * Serves each peer of this process over gRPC while its channels are open: the node's own peer (a
 * {@link ChannelGateway} service without {@link ChannelGateway#LISTEN_ADDRESS}) on {@code peer.listenAddress} with
 * {@code peer.tls}, and each further peer (the development network's other organisations) on the address and with
 * the TLS folder its service names. Each peer's gateway collects endorsements from its own peer and, over gRPC, from
 * one peer of every other organisation served here. A peer that cannot be served (an address in use, missing TLS
 * files) is logged naming the core.yaml setting; the channels keep running.
 */
@Component(immediate = true, service = {})
public final class NetworkComponent {

    private static final System.Logger LOG = System.getLogger(NetworkComponent.class.getName());

    /** A peer of this process and how it is served. */
    private record Peer(ChannelGateway gateway, String mspId, NetworkSettings settings, Path base) {

        /** The TLS roots a client trusts this peer with: its organisation's TLS CA. */
        List<byte[]> tlsRoots() throws NetworkException {
            NetworkSettings.Tls tls = settings.tls();
            if (!tls.enabled() || tls.rootCertFile().isEmpty()) {
                return List.of();
            }
            return List.of(ClientChannels.read(base.resolve(tls.rootCertFile().get()), "the TLS CA certificate"));
        }

        /** What this peer presents when it calls another over mutual TLS: its own TLS key pair. */
        Optional<ClientChannels.KeyPair> clientKeyPair() {
            NetworkSettings.Tls tls = settings.tls();
            return tls.enabled() ? Optional.of(new ClientChannels.KeyPair(base.resolve(tls.certFile()),
                    base.resolve(tls.keyFile()))) : Optional.empty();
        }
    }

    private final CoreConfig config;
    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
    private final Map<Long, NetworkServer> servers = new ConcurrentHashMap<>();
    /** gRPC endorsers, by calling peer's and called peer's service ids. */
    private final Map<List<Long>, RemoteEndorser> remotes = new ConcurrentHashMap<>();

    /** Dynamic references are bound after construction, so each gateway is served as it is bound. */
    @Activate
    public NetworkComponent(@Reference CoreConfig config) {
        this.config = config;
    }

    @Reference(service = ChannelGateway.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addGateway(ChannelGateway gateway, Map<String, Object> properties) {
        long id = (Long) properties.get(Constants.SERVICE_ID);
        Peer peer = peer(gateway, properties);
        peers.put(id, peer);
        serve(id, peer);
    }

    void removeGateway(ChannelGateway gateway, Map<String, Object> properties) {
        long id = (Long) properties.get(Constants.SERVICE_ID);
        peers.remove(id);
        NetworkServer server = servers.remove(id);
        if (server != null) {
            server.close();
        }
        remotes.entrySet().removeIf(entry -> {
            if (entry.getKey().contains(id)) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    private Peer peer(ChannelGateway gateway, Map<String, Object> properties) {
        NetworkSettings node = config.network();
        Object data = properties.get(ChannelGateway.DATA_DIRECTORY);
        Object mspId = properties.get(ChannelGateway.MSP_ID);
        Object address = properties.get(ChannelGateway.LISTEN_ADDRESS);
        Object folder = properties.get(ChannelGateway.TLS_FOLDER);
        Path base = data == null ? config.source().toAbsolutePath().getParent() : Path.of(data.toString());
        String msp = mspId == null ? config.node().localMspId() : mspId.toString();
        if (address == null) {
            // A node that does not order its channels serves no ordering listener.
            NetworkSettings own = config.node().orderingEnabled() ? node : new NetworkSettings(node.listenAddress(),
                    Optional.empty(), node.tls(), node.maxRecvMsgSize(), node.maxSendMsgSize());
            return new Peer(gateway, msp, own, base);
        }
        // Another peer of this process: its own address and TLS identity, no ordering listener.
        NetworkSettings.Tls tls = node.tls();
        if (folder != null) {
            Path tlsFolder = Path.of(folder.toString());
            List<String> clientRoots = new ArrayList<>(tls.clientRootCAFiles());
            tls.rootCertFile().map(base::resolve).map(Path::toString).ifPresent(clientRoots::add);
            tls = new NetworkSettings.Tls(tls.enabled(), tlsFolder.resolve("server.crt").toString(),
                    tlsFolder.resolve("server.key").toString(), Optional.of(tlsFolder.resolve("ca.crt").toString()),
                    tls.clientAuthRequired(), clientRoots);
        }
        return new Peer(gateway, msp, new NetworkSettings(address.toString(), Optional.empty(), tls,
                node.maxRecvMsgSize(), node.maxSendMsgSize()), base);
    }

    private synchronized void serve(long id, Peer peer) {
        OrganizationEndorsers local = Services.localEndorser(peer.gateway(), peer.mspId(),
                peer.settings().listenAddress());
        try {
            servers.put(id, NetworkServer.start(peer.gateway(), peer.settings(), peer.base(),
                    channel -> endorsers(id, local)));
        } catch (NetworkException e) {
            LOG.log(System.Logger.Level.ERROR, "the network services of " + peer.mspId() + "'s peer cannot start: "
                    + e.getMessage());
        }
    }

    /** The peer's own endorser, then one peer of each other organisation served here, reached over gRPC. */
    private List<OrganizationEndorsers> endorsers(long caller, OrganizationEndorsers local) {
        List<OrganizationEndorsers> all = new ArrayList<>(List.of(local));
        Peer calling = peers.get(caller);
        for (Map.Entry<Long, Peer> entry : peers.entrySet()) {
            Peer other = entry.getValue();
            if (calling == null || other.mspId().equals(calling.mspId())
                    || all.stream().anyMatch(e -> e.mspId().equals(other.mspId()))) {
                continue;
            }
            try {
                all.add(remotes.computeIfAbsent(List.of(caller, entry.getKey()), key -> remote(calling, other)));
            } catch (IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
        return all;
    }

    private RemoteEndorser remote(Peer calling, Peer other) {
        String address = ClientChannels.dialable(other.settings().listenAddress());
        try {
            ManagedChannel channel = ClientChannels.open(address, other.tlsRoots(), calling.clientKeyPair(),
                    calling.settings().maxRecvMsgSize());
            return new RemoteEndorser(other.mspId(), address, channel, other.gateway());
        } catch (NetworkException e) {
            throw new IllegalStateException("cannot reach " + other.mspId() + "'s peer at " + address + ": "
                    + e.getMessage(), e);
        }
    }

    @Deactivate
    synchronized void stop() {
        servers.values().forEach(NetworkServer::close);
        servers.clear();
        remotes.values().forEach(RemoteEndorser::close);
        remotes.clear();
    }
}
