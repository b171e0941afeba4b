package weft.runtime.network.internal;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import weft.api.endorsement.SigningIdentity;
import weft.runtime.channel.ChannelException;
import weft.runtime.channel.OrdererConnection;
import weft.runtime.channel.OrdererConnector;
import weft.runtime.config.CoreConfig;
import weft.runtime.config.NetworkSettings;
import weft.runtime.network.NetworkException;

/**
 * Connects a peer that does not order its channels to their ordering service over gRPC, as a Fabric peer's deliver
 * client does: TLS trusting the orderer organisations' TLS roots from the channel configuration (and this node's
 * {@code peer.tls.rootcert.file}), presenting {@code peer.tls}'s certificate for mutual TLS, and the first address
 * the configuration lists.
 */
@Component(service = OrdererConnector.class)
public final class GrpcOrdererConnector implements OrdererConnector {

    private final NetworkSettings settings;
    private final Path base;

    /** Relative files resolve against core.yaml's directory until {@link #resolvingAgainst} names the data one. */
    @Activate
    public GrpcOrdererConnector(@Reference CoreConfig config) {
        this(config.network(), config.source().toAbsolutePath().getParent());
    }

    public GrpcOrdererConnector(NetworkSettings settings, Path base) {
        this.settings = settings;
        this.base = base;
    }

    @Override
    public OrdererConnector resolvingAgainst(Path dataDirectory) {
        return new GrpcOrdererConnector(settings, dataDirectory);
    }

    @Override
    public OrdererConnection connect(String channelId, OrdererEndpoints orderers, SigningIdentity peer)
            throws ChannelException {
        if (orderers.addresses().isEmpty()) {
            throw new ChannelException("channel " + channelId + ": its configuration names no orderer address");
        }
        String address = orderers.addresses().get(0);
        NetworkSettings.Tls tls = settings.tls();
        try {
            List<byte[]> roots = new ArrayList<>();
            Optional<ClientChannels.KeyPair> client = Optional.empty();
            ByteString certificateHash = ByteString.EMPTY;
            if (tls.enabled()) {
                roots.addAll(orderers.tlsRootCerts());
                if (tls.rootCertFile().isPresent()) {
                    roots.add(ClientChannels.read(base.resolve(tls.rootCertFile().get()), "peer.tls.rootcert.file"));
                }
                if (roots.isEmpty()) {
                    throw new ChannelException("channel " + channelId + ": TLS is on but neither the channel's orderer "
                            + "organisations nor peer.tls.rootcert.file give a TLS root to trust " + address + " with");
                }
                Path certificate = base.resolve(tls.certFile());
                client = Optional.of(new ClientChannels.KeyPair(certificate, base.resolve(tls.keyFile())));
                certificateHash = certificateHash(ClientChannels.read(certificate, "peer.tls.cert.file"));
            }
            ManagedChannel channel = ClientChannels.open(address, roots, client, settings.maxRecvMsgSize());
            return new GrpcOrdererConnection(channelId, address, channel, peer, certificateHash);
        } catch (NetworkException e) {
            throw new ChannelException("channel " + channelId + ": cannot connect to the ordering service at "
                    + address + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the certificate's DER encoding, which Fabric's deliver service binds a seek request to. */
    static ByteString certificateHash(byte[] pem) throws NetworkException {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateException | NoSuchAlgorithmException e) {
            throw new NetworkException("peer.tls.cert.file is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
