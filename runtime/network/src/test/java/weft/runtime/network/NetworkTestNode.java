package weft.runtime.network;

import com.google.protobuf.ByteString;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BatchSize;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.chaincode.basic.AssetTransfer;
import weft.launcher.spi.HandlerStatus;
import weft.plugins.escc.DefaultEndorsementFactory;
import weft.plugins.ordering.solo.SoloConsenterFactory;
import weft.plugins.vscc.DefaultValidationFactory;
import weft.runtime.channel.ChannelClient;
import weft.runtime.channel.ChannelException;
import weft.runtime.channel.ChannelHost;
import weft.runtime.channel.GenesisBlocks;
import weft.runtime.config.NetworkSettings;
import weft.runtime.config.ValidationSettings;
import weft.runtime.configtx.ChannelProfile;
import weft.runtime.configtx.OrdererSettings;
import weft.runtime.configtx.Organization;
import weft.runtime.crypto.Curve;
import weft.runtime.cryptogen.CryptoMaterialGenerator;
import weft.runtime.cryptogen.CryptoSpec;
import weft.runtime.cryptogen.GeneratedOrganization;
import weft.runtime.endorser.chaincode.ContractChaincode;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.ledger.pvtdata.PrivateDataConfig;
import weft.runtime.lifecycle.InstalledPackage;
import weft.runtime.lifecycle.InstalledPackages;
import weft.runtime.lifecycle.PackageInstallException;
import weft.runtime.lifecycle.cli.LifecycleOptions;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspFolder;
import weft.runtime.msp.X509Msp;
import weft.runtime.ordering.OrdererSigner;

/**
 * A node as the peer wires it, without OSGi, serving its gRPC services: crypto material (with TLS) from the
 * generator for Org1, Org2 (not a channel member) and the orderer organisation; the channel {@code mychannel} of
 * Org1 ordered by solo; asset-transfer-basic deployed through the lifecycle as {@code basic} and initialised; the
 * {@link NetworkServer} on an ephemeral loopback port with mutual TLS.
 */
final class NetworkTestNode implements AutoCloseable {

    static final String CHANNEL = "mychannel";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX = NetworkSettings.DEFAULT_MAX_MESSAGE_SIZE;

    final Path crypto;
    final GeneratedOrganization org1;
    final GeneratedOrganization org2;
    final GeneratedOrganization orderer;
    final LocalSigningIdentity peer;
    final LocalSigningIdentity admin;
    final LocalSigningIdentity user;
    final LocalSigningIdentity stranger;
    final ChannelHost host;
    final NetworkServer server;

    /**
     * @param maxRecvMsgSize the server's {@code peer.maxRecvMsgSize}
     * @param batchTimeout   how long solo waits before cutting a block
     */
    NetworkTestNode(Path directory, int maxRecvMsgSize, Duration batchTimeout) throws Exception {
        crypto = directory.resolve("crypto");
        List<GeneratedOrganization> orgs = new CryptoMaterialGenerator(new SecureRandom()).generate(crypto,
                new CryptoSpec(2, 1, 1, 1, true, Curve.P256, Duration.ofDays(30)));
        org1 = orgs.get(0);
        org2 = orgs.get(1);
        orderer = orgs.get(2);
        peer = identity(org1.folders("peer").get(0), org1.mspId());
        admin = identity(org1.folders("admin").get(0), org1.mspId());
        user = identity(org1.folders("client").get(0), org1.mspId());
        stranger = identity(org2.folders("client").get(0), org2.mspId());
        LocalSigningIdentity ordererIdentity = identity(orderer.folders("orderer").get(0), orderer.mspId());
        Path data = directory.resolve("data");
        host = new ChannelHost(new ChannelHost.Services(data, ValidationSettings.defaults(2), new Plugins(),
                type -> {
                    if (!type.equals("solo")) {
                        throw new ChannelException("no consenter bundle serves consensus type '" + type + "'");
                    }
                    return new SoloConsenterFactory();
                },
                packageId -> ContractChaincode.of(List.of(new AssetTransfer())), new MemoryPackages(), peer,
                new OrdererSigner(ordererIdentity), 0, PrivateDataConfig.DEFAULT_TRANSIENT_RETENTION));
        try {
            BatchConfig batches = new BatchConfig(new BatchSize(50, 10 * 1024 * 1024, 2 * 1024 * 1024), batchTimeout);
            host.join(GenesisBlocks.of(new ChannelProfile(CHANNEL,
                    List.of(Organization.fromMspFolder(orderer.mspFolder(), orderer.mspId())),
                    List.of(Organization.fromMspFolder(org1.mspFolder(), org1.mspId())),
                    new OrdererSettings("solo", ByteString.EMPTY, batches), List.of("127.0.0.1:7050"))));
            deployBasic();
            Path peerTls = org1.identities("peer").get(0).tlsFolder();
            NetworkSettings settings = new NetworkSettings("127.0.0.1:0", Optional.empty(),
                    new NetworkSettings.Tls(true, crypto.relativize(peerTls.resolve("server.crt")).toString(),
                            crypto.relativize(peerTls.resolve("server.key")).toString(),
                            Optional.of(crypto.relativize(peerTls.resolve("ca.crt")).toString()), true,
                            List.of(crypto.relativize(org2.tlsCaCertificate()).toString())),
                    maxRecvMsgSize, NetworkSettings.DEFAULT_MAX_MESSAGE_SIZE);
            server = NetworkServer.start(host, org1.mspId(), settings, crypto);
        } catch (Exception e) {
            host.close();
            throw e;
        }
    }

    private void deployBasic() throws Exception {
        ChannelClient client = new ChannelClient(host, admin, TIMEOUT);
        String packageId = client.install(CHANNEL, ByteString.copyFromUtf8("basic_1.0\nasset-transfer-basic"));
        LifecycleOptions options = LifecycleOptions.parse(List.of("-n", "basic", "-v", "1.0", "--sequence", "1",
                "--package-id", packageId));
        if (!client.approveForMyOrg(CHANNEL, options).valid() || !client.commitDefinition(CHANNEL, options).valid()) {
            throw new AssertionError("asset-transfer-basic was not deployed");
        }
        client.submitStrings(CHANNEL, "basic", List.of("InitLedger"));
    }

    static LocalSigningIdentity identity(Path folder, String mspId) throws Exception {
        X509Msp msp = MspFolder.load(folder, mspId);
        return MspFolder.signingIdentity(folder, msp);
    }

    /** A TLS connection as {@code identity}'s client certificate (or none) to the node. */
    ManagedChannel connect(GeneratedOrganization org, boolean clientCertificate) throws IOException {
        Path tls = org.identities("client").get(0).tlsFolder();
        TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                .trustManager(org1.identities("peer").get(0).tlsFolder().resolve("ca.crt").toFile());
        if (clientCertificate) {
            credentials.keyManager(tls.resolve("client.crt").toFile(), tls.resolve("client.key").toFile());
        }
        return connect(credentials.build());
    }

    ManagedChannel connect(ChannelCredentials credentials) {
        return Grpc.newChannelBuilderForAddress("localhost", server.port(), credentials)
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    /**
     * The SHA-256 hash of {@code org}'s User1 TLS client certificate (DER), which deliver requests name under
     * mutual TLS.
     */
    static byte[] tlsCertificateHash(GeneratedOrganization org) throws Exception {
        Path pem = org.identities("client").get(0).tlsFolder().resolve("client.crt");
        try (var in = Files.newInputStream(pem)) {
            return MessageDigest.getInstance("SHA-256").digest(java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in).getEncoded());
        }
    }

    /** The PEM certificate and key of Org1's User1, for the fabric-gateway client. */
    Path userCertificate() throws IOException {
        try (var files = Files.list(org1.folders("client").get(0).resolve("signcerts"))) {
            return files.findFirst().orElseThrow();
        }
    }

    Path userKey() {
        return org1.folders("client").get(0).resolve("keystore").resolve("priv_sk");
    }

    static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close();
        host.close();
    }

    /** DefaultEndorsement and DefaultValidation for every plugin name, one instance per channel. */
    static final class Plugins implements HandlerRegistry {
        private final Map<String, EndorsementPlugin> endorsers = new LinkedHashMap<>();
        private final Map<String, ValidationPlugin> validators = new LinkedHashMap<>();

        @Override
        public synchronized EndorsementPlugin endorsementPlugin(String pluginName, String channelId,
                                                                Dependency... dependencies) {
            return endorsers.computeIfAbsent(pluginName + "/" + channelId, key -> {
                EndorsementPlugin plugin = new DefaultEndorsementFactory().newPlugin();
                try {
                    plugin.init(dependencies);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return plugin;
            });
        }

        @Override
        public synchronized ValidationPlugin validationPlugin(String pluginName, String channelId,
                                                              Dependency... dependencies) {
            return validators.computeIfAbsent(pluginName + "/" + channelId, key -> {
                ValidationPlugin plugin = new DefaultValidationFactory().newPlugin();
                try {
                    plugin.init(dependencies);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return plugin;
            });
        }

        @Override
        public List<HandlerStatus> statuses() {
            return List.of();
        }
    }

    /** Installed packages in memory, ids label:sha256 as Fabric's. */
    static final class MemoryPackages implements InstalledPackages {
        private final Map<String, ByteString> installed = new LinkedHashMap<>();

        @Override
        public synchronized InstalledPackage install(ByteString bytes) throws PackageInstallException {
            String label = bytes.toStringUtf8().split("\n", 2)[0];
            String id;
            try {
                id = label + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(bytes.toByteArray()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (installed.putIfAbsent(id, bytes) != null) {
                throw new PackageInstallException("chaincode already successfully installed (package ID '" + id + "')");
            }
            return new InstalledPackage(id, label, Map.of());
        }

        @Override
        public synchronized Optional<InstalledPackage> find(String packageId) {
            return installed.containsKey(packageId)
                    ? Optional.of(new InstalledPackage(packageId, packageId.split(":")[0], Map.of())) : Optional.empty();
        }

        @Override
        public synchronized List<InstalledPackage> list() {
            List<InstalledPackage> all = new ArrayList<>();
            installed.keySet().forEach(id -> all.add(find(id).orElseThrow()));
            return all;
        }

        @Override
        public synchronized Optional<ByteString> packageBytes(String packageId) {
            return Optional.ofNullable(installed.get(packageId));
        }
    }
}
