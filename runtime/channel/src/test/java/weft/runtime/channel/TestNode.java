package weft.runtime.channel;

import com.google.protobuf.ByteString;
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
import weft.runtime.metrics.PeerMetrics;
import weft.runtime.ledger.pvtdata.PrivateDataConfig;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BatchSize;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.chaincode.basic.AssetTransfer;
import weft.launcher.spi.HandlerStatus;
import weft.plugins.escc.DefaultEndorsementFactory;
import weft.plugins.ordering.raft.RaftConsenterFactory;
import weft.plugins.ordering.solo.SoloConsenterFactory;
import weft.plugins.vscc.DefaultValidationFactory;
import weft.runtime.config.ValidationSettings;
import weft.runtime.configtx.ChannelProfile;
import weft.runtime.configtx.OrdererSettings;
import weft.runtime.configtx.Organization;
import weft.runtime.crypto.Curve;
import weft.runtime.cryptogen.CryptoMaterialGenerator;
import weft.runtime.cryptogen.CryptoSpec;
import weft.runtime.cryptogen.GeneratedOrganization;
import weft.runtime.endorser.chaincode.ChaincodeUnavailableException;
import weft.runtime.endorser.chaincode.ContractChaincode;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.lifecycle.InstalledPackage;
import weft.runtime.lifecycle.InstalledPackages;
import weft.runtime.lifecycle.PackageInstallException;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspFolder;
import weft.runtime.msp.X509Msp;
import weft.runtime.ordering.OrdererSigner;

/**
 * A node for tests, wired as the peer wires it but without OSGi: crypto material from the generator (an orderer
 * organisation and Org1), DefaultEndorsement and DefaultValidation, the solo and Raft consenters, and asset-transfer-basic
 * serving every installed package but those labelled {@code basic_2...}, which stand for an upgrade.
 */
final class TestNode {

    static final String CHANNEL = "mychannel";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final Path crypto;
    final GeneratedOrganization org1;
    /** A second organisation, for two-organisation channels ({@link #twoOrgProfile}). */
    final GeneratedOrganization org2;
    final GeneratedOrganization orderer;
    final LocalSigningIdentity peer;
    final LocalSigningIdentity admin;
    final LocalSigningIdentity user;
    final LocalSigningIdentity ordererIdentity;
    final LocalSigningIdentity org2Peer;
    final LocalSigningIdentity org2Admin;
    final MemoryPackages packages = new MemoryPackages();
    /** Further endorsement and validation plugins by plugin name (e.g. a test's anonymous ones). */
    final Map<String, weft.api.endorsement.EndorsementPluginFactory> endorsementFactories = new LinkedHashMap<>();
    final Map<String, weft.api.validation.ValidationPluginFactory> validationFactories = new LinkedHashMap<>();

    TestNode(Path crypto) throws Exception {
        this.crypto = crypto;
        List<GeneratedOrganization> orgs = new CryptoMaterialGenerator(new SecureRandom()).generate(crypto,
                new CryptoSpec(2, 1, 1, 1, true, Curve.P256, Duration.ofDays(30)));
        org1 = orgs.get(0);
        org2 = orgs.get(1);
        orderer = orgs.get(2);
        org2Peer = identity(org2.folders("peer").get(0), org2.mspId());
        org2Admin = identity(org2.folders("admin").get(0), org2.mspId());
        peer = identity(org1.folders("peer").get(0), org1.mspId());
        admin = identity(org1.folders("admin").get(0), org1.mspId());
        user = identity(org1.folders("client").get(0), org1.mspId());
        ordererIdentity = identity(orderer.folders("orderer").get(0), orderer.mspId());
    }

    static LocalSigningIdentity identity(Path folder, String mspId) throws Exception {
        X509Msp msp = MspFolder.load(folder, mspId);
        return MspFolder.signingIdentity(folder, msp);
    }

    ChannelProfile profile(String channel, BatchConfig batch) throws Exception {
        return new ChannelProfile(channel, List.of(Organization.fromMspFolder(orderer.mspFolder(), orderer.mspId())),
                List.of(Organization.fromMspFolder(org1.mspFolder(), org1.mspId())),
                new OrdererSettings("solo", ByteString.EMPTY, batch), List.of("127.0.0.1:7050"));
    }

    /** A channel of Org1 and Org2, whose default policies (MAJORITY) need both organisations' endorsements. */
    ChannelProfile twoOrgProfile(String channel, BatchConfig batch) throws Exception {
        return new ChannelProfile(channel, List.of(Organization.fromMspFolder(orderer.mspFolder(), orderer.mspId())),
                List.of(Organization.fromMspFolder(org1.mspFolder(), org1.mspId()),
                        Organization.fromMspFolder(org2.mspFolder(), org2.mspId())),
                new OrdererSettings("solo", ByteString.EMPTY, batch), List.of("127.0.0.1:7050"));
    }

    /** Fast block cutting for tests: 10 envelopes or 100 ms. */
    static BatchConfig fastBatches() {
        return new BatchConfig(new BatchSize(10, 10 * 1024 * 1024, 2 * 1024 * 1024), Duration.ofMillis(100));
    }

    ChannelHost host(Path data) {
        return host(data, 0);
    }

    /** A host whose channels, once ordered by Raft, run a one-node Raft cluster on {@code raftPort}. */
    ChannelHost host(Path data, int raftPort) {
        return host(data, raftPort, type -> switch (type) {
            case "solo" -> new SoloConsenterFactory();
            case "raft" -> new RaftConsenterFactory();
            default -> throw new ChannelException("no consenter bundle serves consensus type '" + type + "'");
        });
    }

    ChannelHost host(Path data, int raftPort, ChannelHost.Consenters consenters) {
        return new ChannelHost(services(data, raftPort, consenters));
    }

    /** A host (solo and Raft as in {@link #host(Path)}) that records to {@code metrics}. */
    ChannelHost host(Path data, PeerMetrics metrics) {
        return new ChannelHost(services(data, 0, type -> switch (type) {
            case "solo" -> new SoloConsenterFactory();
            case "raft" -> new RaftConsenterFactory();
            default -> throw new ChannelException("no consenter bundle serves consensus type '" + type + "'");
        }), metrics);
    }

    /** A solo-ordered host whose committers validate with {@code validation} (e.g. without retries). */
    ChannelHost host(Path data, ValidationSettings validation) {
        return new ChannelHost(services(data, 0, type -> switch (type) {
            case "solo" -> new SoloConsenterFactory();
            default -> throw new ChannelException("no consenter bundle serves consensus type '" + type + "'");
        }, validation));
    }

    ChannelHost.Services services(Path data, int raftPort, ChannelHost.Consenters consenters) {
        return services(data, raftPort, consenters, ValidationSettings.defaults(2));
    }

    ChannelHost.Services services(Path data, int raftPort, ChannelHost.Consenters consenters,
                                  ValidationSettings validation) {
        return new ChannelHost.Services(data, validation,
                new Plugins(endorsementFactories, validationFactories),
                consenters,
                packageId -> {
                    if (packages.find(packageId).isEmpty()) {
                        throw new ChaincodeUnavailableException("chaincode package " + packageId + " is not installed");
                    }
                    // A package labelled basic_2.x stands for an upgraded bundle: it answers every call with its
                    // version, so a test can see which package served an invocation.
                    if (packageId.startsWith("basic_2")) {
                        return (weft.api.chaincode.Chaincode) stub ->
                                weft.api.chaincode.Response.success("served by " + packageId.split(":")[0]);
                    }
                    return ContractChaincode.of(List.of(new AssetTransfer()));
                }, packages, peer, new OrdererSigner(ordererIdentity), raftPort,
                PrivateDataConfig.DEFAULT_TRANSIENT_RETENTION);
    }

    /** A host that does not order its channels: each follows the ordering nodes {@code orderers} connects to. */
    ChannelHost peerOnlyHost(Path data, OrdererConnector orderers) {
        return peerOnlyHost(data, orderers, peer, packages);
    }

    /** A peer-only host of another identity (e.g. Org2's peer) with its own installed packages. */
    ChannelHost peerOnlyHost(Path data, OrdererConnector orderers, LocalSigningIdentity identity,
                             MemoryPackages installed) {
        ChannelHost.Services local = services(data, 0, type -> {
            throw new ChannelException("a peer-only node has no consenter");
        });
        return new ChannelHost(new ChannelHost.Services(local.dataDirectory(), local.validation(), local.handlers(),
                local.consenters(), local.chaincodes(), installed, identity, null, 0,
                local.transientRetentionBlocks(), orderers));
    }

    /** Deploys asset-transfer-basic as {@code basic} through the lifecycle and runs InitLedger. */
    static void deployBasic(ChannelHost host, LocalSigningIdentity admin) throws Exception {
        ChannelClient client = new ChannelClient(host, admin, TIMEOUT);
        String packageId = client.install(CHANNEL, ByteString.copyFromUtf8("basic_1.0\nasset-transfer-basic"));
        var options = weft.runtime.lifecycle.cli.LifecycleOptions.parse(List.of("-n", "basic", "-v", "1.0",
                "--sequence", "1", "--package-id", packageId));
        if (!client.approveForMyOrg(CHANNEL, options).valid()) {
            throw new AssertionError("approval not valid");
        }
        if (!client.commitDefinition(CHANNEL, options).valid()) {
            throw new AssertionError("commit not valid");
        }
        client.submitStrings(CHANNEL, "basic", List.of("InitLedger"));
    }

    /**
     * DefaultEndorsement and DefaultValidation for every plugin name except those the maps name, one instance per
     * channel.
     */
    static final class Plugins implements HandlerRegistry {
        private final Map<String, EndorsementPlugin> endorsers = new LinkedHashMap<>();
        private final Map<String, ValidationPlugin> validators = new LinkedHashMap<>();
        private final Map<String, weft.api.endorsement.EndorsementPluginFactory> endorsementFactories;
        private final Map<String, weft.api.validation.ValidationPluginFactory> validationFactories;

        Plugins(Map<String, weft.api.endorsement.EndorsementPluginFactory> endorsementFactories,
                Map<String, weft.api.validation.ValidationPluginFactory> validationFactories) {
            this.endorsementFactories = endorsementFactories;
            this.validationFactories = validationFactories;
        }

        @Override
        public synchronized EndorsementPlugin endorsementPlugin(String pluginName, String channelId,
                                                                Dependency... dependencies) {
            return endorsers.computeIfAbsent(pluginName + "/" + channelId, key -> {
                EndorsementPlugin plugin = endorsementFactories.getOrDefault(pluginName, new DefaultEndorsementFactory())
                        .newPlugin();
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
                ValidationPlugin plugin = validationFactories.getOrDefault(pluginName, new DefaultValidationFactory())
                        .newPlugin();
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

        /** What this registry says its validation plugins are, for definitions that pin them. */
        @Override
        public java.util.Optional<weft.runtime.handlers.PluginIdentity> validationPluginIdentity(String pluginName) {
            return java.util.Optional.of(VALIDATION_IDENTITY);
        }

        @Override
        public weft.runtime.handlers.ValidationSnapshot validationSnapshot(String channelId,
                                                                           Dependency... dependencies) {
            return new weft.runtime.handlers.ValidationSnapshot() {
                @Override
                public weft.runtime.handlers.ServedPlugin<ValidationPlugin> validationPlugin(String pluginName) {
                    return new weft.runtime.handlers.ServedPlugin<>(Plugins.this.validationPlugin(pluginName,
                            channelId, dependencies), java.util.Optional.of(VALIDATION_IDENTITY));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** The identity {@link Plugins} reports for every validation plugin. */
    static final weft.runtime.handlers.PluginIdentity VALIDATION_IDENTITY = new weft.runtime.handlers.PluginIdentity(
            "DefaultValidation", "weft.plugins.vscc", "0.1.0", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    /** Packages as "label\n..." text, ids label:sha256 as Fabric's. */
    static final class MemoryPackages implements InstalledPackages {
        private final Map<String, ByteString> installed = new LinkedHashMap<>();

        synchronized void clear() {
            installed.clear();
        }

        @Override
        public synchronized InstalledPackage install(ByteString bytes) throws PackageInstallException {
            String label = bytes.toStringUtf8().split("\n", 2)[0];
            String id = label + ":" + HexFormat.of().formatHex(sha256(bytes));
            if (installed.containsKey(id)) {
                throw new PackageInstallException("chaincode already successfully installed (package ID '" + id + "')");
            }
            installed.put(id, bytes);
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

        private static byte[] sha256(ByteString bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
