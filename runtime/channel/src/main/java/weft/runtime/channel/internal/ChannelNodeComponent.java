package weft.runtime.channel.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import weft.api.ordering.ConsenterFactory;
import weft.api.plugin.HandlerProperties;
import weft.launcher.spi.ChaincodeCall;
import weft.launcher.spi.ChannelNode;
import weft.launcher.spi.LifecycleCall;
import weft.launcher.spi.PeerStartException;
import weft.launcher.spi.ToolException;
import weft.runtime.channel.ChannelClient;
import weft.runtime.channel.ChannelException;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.channel.ChannelHost;
import weft.runtime.channel.OrdererConnector;
import weft.runtime.channel.CommitStatus;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.config.CoreConfig;
import weft.runtime.config.DevNetworkSettings;
import weft.runtime.config.NodeSettings;
import weft.runtime.endorser.chaincode.ChaincodeRegistry;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.lifecycle.LifecycleChaincode;
import weft.runtime.lifecycle.PackageInstallException;
import weft.runtime.lifecycle.cli.CliOptionException;
import weft.runtime.lifecycle.cli.LifecycleOptions;
import weft.runtime.metrics.CurrentMetrics;
import weft.runtime.metrics.PeerMetrics;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspConfigException;
import weft.runtime.ordering.OrdererSigner;

/**
 * The peer's channels in the framework: once the peer has started with its core.yaml (the {@link CoreConfig}
 * and {@link HandlerRegistry} services exist), the launcher opens them through {@link ChannelNode}; the
 * {@link ChannelHost} is then also published as the {@link ChannelGateway} service. Consenters are the
 * {@link ConsenterFactory} services, chosen by each channel's consensus type.
 */
@Component(service = ChannelNode.class)
public final class ChannelNodeComponent implements ChannelNode {

    private static final System.Logger LOG = System.getLogger(ChannelNodeComponent.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(10);
    /** Connection options of Fabric's CLI that mean nothing in process; accepted and ignored. */
    private static final Set<String> CONNECTION_OPTIONS = Set.of("-o", "--orderer", "--cafile", "--peerAddresses",
            "--tlsRootCertFiles", "--ordererTLSHostnameOverride", "--connectionProfile", "--certfile", "--keyfile");

    private final BundleContext context;
    private final CoreConfig config;
    private final HandlerRegistry handlers;
    private final ChaincodeRegistry registry;
    private final Map<String, ConsenterFactory> consenters = new ConcurrentHashMap<>();
    private final Map<String, OrdererConnector> connectors = new ConcurrentHashMap<>();
    private ChannelHost host;
    private final List<DevPeer> devPeers = new ArrayList<>();
    private Path data;
    private final List<ServiceRegistration<?>> gateways = new ArrayList<>();
    private final CurrentMetrics metrics = new CurrentMetrics();

    @Activate
    public ChannelNodeComponent(BundleContext context, @Reference CoreConfig config, @Reference HandlerRegistry handlers,
                                @Reference ChaincodeRegistry registry) {
        this.context = context;
        this.config = config;
        this.handlers = handlers;
        this.registry = registry;
    }

    @Reference(service = ConsenterFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addConsenter(ConsenterFactory factory, Map<String, Object> properties) {
        Object name = properties.get(HandlerProperties.NAME);
        if (name != null) {
            consenters.put(name.toString(), factory);
        }
    }

    void removeConsenter(ConsenterFactory factory, Map<String, Object> properties) {
        Object name = properties.get(HandlerProperties.NAME);
        if (name != null) {
            consenters.remove(name.toString(), factory);
        }
    }

    @Reference(service = OrdererConnector.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addConnector(OrdererConnector connector, Map<String, Object> properties) {
        connectors.put(String.valueOf(properties.get(org.osgi.framework.Constants.SERVICE_ID)), connector);
    }

    void removeConnector(OrdererConnector connector, Map<String, Object> properties) {
        connectors.remove(String.valueOf(properties.get(org.osgi.framework.Constants.SERVICE_ID)), connector);
    }

    /**
     * The connector to ordering nodes elsewhere, for peers that do not order their channels; it comes with the
     * network services bundle, which may start after this one.
     */
    private OrdererConnector ordererConnector() throws PeerStartException {
        try {
            return awaitService(() -> connectors.values().stream().findFirst()).orElseThrow(() ->
                    new PeerStartException("this peer does not order its channels (peer.ordering.enabled: false, or "
                            + "a development network's other organisation), but no bundle provides an "
                            + OrdererConnector.class.getSimpleName() + " to reach the ordering service; install the "
                            + "network services bundle (weft.runtime.network)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerStartException("interrupted while waiting for the network services bundle");
        }
    }

    /** Waits up to {@link #SERVICE_WAIT} for a service a bundle that may start after this one provides. */
    private static <T> Optional<T> awaitService(Supplier<Optional<T>> lookup) throws InterruptedException {
        long deadline = System.nanoTime() + SERVICE_WAIT.toNanos();
        Optional<T> found = lookup.get();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            found = lookup.get();
        }
        return found;
    }

    /** The operations bundle's metrics, when it runs; the channels record to whichever is bound now. */
    @Reference(service = PeerMetrics.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMetrics(PeerMetrics service) {
        metrics.bind(service);
    }

    void unbindMetrics(PeerMetrics service) {
        metrics.unbind(service);
    }

    private ConsenterFactory consenter(String type) throws ChannelException {
        try {
            return awaitService(() -> Optional.ofNullable(consenters.get(type))).orElseThrow(() ->
                    new ChannelException("no consenter bundle serves consensus type '" + type + "' (available: "
                            + new TreeMap<>(consenters).keySet() + "); install the bundle that registers a "
                            + ConsenterFactory.class.getSimpleName() + " with " + HandlerProperties.NAME + "=" + type));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("interrupted while waiting for the '" + type + "' consenter");
        }
    }

    @Override
    public synchronized List<String> open(Path dataDirectory, boolean createDevNetwork) throws PeerStartException {
        if (host != null) {
            throw new PeerStartException("the channels are already open in " + data);
        }
        NodeSettings node = config.node();
        Optional<DevNetworkSettings> dev = createDevNetwork ? node.devNetwork() : Optional.empty();
        List<String> lines = new ArrayList<>();
        try {
            Files.createDirectories(dataDirectory);
            if (dev.isPresent()) {
                lines.addAll(DevNetwork.ensureCrypto(dataDirectory, dev.get().organizations()));
            }
        } catch (IOException e) {
            throw new PeerStartException("cannot prepare the data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        LocalSigningIdentity peer = identity(dataDirectory, node.mspConfigPath(), node.localMspId(), "peer.mspConfigPath");
        BundlePackages packages = new BundlePackages(registry, dataDirectory.resolve("chaincodes"));
        int reinstalled = packages.reinstall();
        ChannelHost opened;
        if (node.orderingEnabled()) {
            LocalSigningIdentity orderer = identity(dataDirectory, node.ordererMspConfigPath(), node.ordererMspId(),
                    "peer.ordering.mspConfigPath");
            int raftPort = node.devNetwork().map(DevNetworkSettings::raftPort).orElse(7052);
            opened = new ChannelHost(new ChannelHost.Services(dataDirectory, config.validation(), handlers,
                    this::consenter, registry, packages, peer, new OrdererSigner(orderer), raftPort,
                    config.transientStoreMaxBlockRetention()), metrics);
        } else {
            opened = peerOnlyHost(dataDirectory, dataDirectory, handlers, peer, packages, metrics);
        }
        List<DevPeer> others = new ArrayList<>();
        try {
            opened.openJoined();
            boolean created = false;
            if (dev.isPresent()) {
                created = DevNetwork.ensureChannel(opened, dataDirectory, dev.get(), lines);
            }
            // Published before the other organisations' peers open: they reach this node's ordering service
            // through the network services, which serve the gateway once it is a service.
            host = opened;
            data = dataDirectory;
            // Also as the ChannelHost itself, for the operations bundle's health checks (halted channels, consenters).
            gateways.add(context.registerService(new String[] {ChannelGateway.class.getName(),
                    ChannelHost.class.getName()}, host, gatewayProperties(dataDirectory, node.localMspId(), null, null)));
            // The other organisations' peers open whenever the development network has them: on the run that
            // creates it, and on every later one (the peer's, and the offline commands', which endorse with them).
            Optional<DevNetworkSettings> configured = node.devNetwork();
            if (configured.isPresent()) {
                for (int i = 2; i <= configured.get().organizations(); i++) {
                    if (created || Files.isDirectory(DevNetwork.peerData(dataDirectory, i))) {
                        others.add(openDevPeer(dataDirectory, i, configured.get()));
                    }
                }
                devPeers.addAll(others);
                if (created && dev.get().chaincode().isPresent()) {
                    List<ChannelHost> all = new ArrayList<>(List.of(host));
                    others.forEach(p -> all.add(p.host()));
                    lines.addAll(DevNetwork.deploy(all, dataDirectory, dev.get().channel(), dev.get().chaincode().get(),
                            TIMEOUT));
                }
            }
        } catch (ChannelException | PeerStartException e) {
            deactivate();
            opened.close();
            throw e instanceof PeerStartException start ? start : new PeerStartException(e.getMessage(), e);
        }
        if (reinstalled > 0) {
            lines.add(reinstalled + " installed chaincode package(s) loaded from " + dataDirectory.resolve("chaincodes"));
        }
        registerChaincodeDeployer(packages);
        for (String channel : host.channels()) {
            StringBuilder line = new StringBuilder("channel " + channel + ": height " + host.height(channel));
            node.devNetwork().filter(d -> d.channel().equals(channel)).flatMap(DevNetworkSettings::chaincode)
                    .ifPresent(cc -> line.append(", chaincode ").append(cc.name()).append(": ")
                            .append(DevNetwork.assets(host, dataDirectory, channel, cc.name(), TIMEOUT)));
            lines.add(line.toString());
        }
        for (DevPeer other : devPeers) {
            lines.add(other.mspId() + "'s peer (" + other.listenAddress() + "): " + other.host().channels().stream()
                    .map(c -> "channel " + c + " height " + other.host().height(c)).toList());
        }
        if (host.channels().isEmpty()) {
            lines.add("no channels joined in " + dataDirectory);
        }
        return lines;
    }

    /**
     * Lets FileInstall hand chaincode jars dropped into {@code deploy/} to this peer's packages, in the running peer
     * only (the framework {@code node start} boots; the offline commands' frameworks install nothing).
     */
    private void registerChaincodeDeployer(BundlePackages packages) {
        if (!Boolean.parseBoolean(context.getProperty("weft.operations.serve"))) {
            return;
        }
        try {
            gateways.add(context.registerService("org.apache.felix.fileinstall.ArtifactInstaller",
                    new ChaincodeDeployer(packages), null));
        } catch (NoClassDefFoundError e) {
            LOG.log(System.Logger.Level.INFO, "no Felix FileInstall: chaincode jars in deploy/ are not watched");
        }
    }

    /** Another organisation's peer of the development network: its host, where it listens, its service. */
    private record DevPeer(String mspId, ChannelHost host, String listenAddress) {
    }

    /**
     * Opens Org{@code n}'s peer of the development network: its own ledger under {@code data/org<n>}, its own
     * installed packages, and the channel ordered by this node, reached through the network like a peer on another
     * machine. As Fabric's test network, Org{@code n}'s peer listens 2000 (n - 1) ports above this node's peer.
     */
    private DevPeer openDevPeer(Path data, int organization, DevNetworkSettings settings)
            throws PeerStartException, ChannelException {
        String mspId = DevNetwork.mspId(organization);
        Path peerData = DevNetwork.peerData(data, organization);
        LocalSigningIdentity identity = identity(data, DevNetwork.peerFolder(organization) + "/msp", mspId,
                "peer.devNetwork.organizations");
        BundlePackages packages = new BundlePackages(registry, peerData.resolve("chaincodes"));
        packages.reinstall();
        // Its metrics are not this node's: recording them would count every block twice.
        ChannelHost peer = peerOnlyHost(peerData, data, new PeerScopedHandlers(handlers, mspId), identity, packages,
                PeerMetrics.NONE);
        try {
            peer.openJoined();
            DevNetwork.ensureJoined(peer, data, settings.channel());
        } catch (ChannelException e) {
            peer.close();
            throw e;
        }
        String address = devPeerAddress(config.network().listenAddress(), organization);
        gateways.add(context.registerService(ChannelGateway.class, peer, gatewayProperties(data, mspId, address,
                data.resolve(DevNetwork.peerFolder(organization)).resolve("tls"))));
        return new DevPeer(mspId, peer, address);
    }

    /** Org{@code n}'s peer's address: on the loopback address, 2000 (n - 1) ports above {@code peer.listenAddress}. */
    static String devPeerAddress(String listenAddress, int organization) {
        int port = Integer.parseInt(listenAddress.substring(listenAddress.lastIndexOf(':') + 1));
        return "127.0.0.1:" + (port + 2000 * (organization - 1));
    }

    /**
     * A peer that follows ordering elsewhere, its ledger under {@code data}; core.yaml's TLS files resolve against
     * the node's data directory {@code nodeData}.
     */
    private ChannelHost peerOnlyHost(Path data, Path nodeData, HandlerRegistry plugins, LocalSigningIdentity identity,
                                     BundlePackages packages, PeerMetrics recorder) throws PeerStartException {
        return new ChannelHost(new ChannelHost.Services(data, config.validation(), plugins, this::consenter, registry,
                packages, identity, null, 0, config.transientStoreMaxBlockRetention(),
                ordererConnector().resolvingAgainst(nodeData)), recorder);
    }

    /**
     * The service properties of a peer's gateway: its organisation, and for the development network's other peers
     * where they listen and their TLS folder (the network services serve the node's own peer on
     * {@code peer.listenAddress}).
     */
    private static Dictionary<String, Object> gatewayProperties(Path dataDirectory, String mspId, String listenAddress,
                                                                Path tlsFolder) {
        Hashtable<String, Object> properties = new Hashtable<>();
        // The network services resolve core.yaml's relative TLS paths against the data directory, as MSP paths are.
        properties.put(ChannelGateway.DATA_DIRECTORY, dataDirectory.toAbsolutePath().toString());
        properties.put(ChannelGateway.MSP_ID, mspId);
        if (listenAddress != null) {
            properties.put(ChannelGateway.LISTEN_ADDRESS, listenAddress);
            properties.put(ChannelGateway.TLS_FOLDER, tlsFolder.toString());
        }
        return properties;
    }

    /** The other organisations' peers of the development network, which endorse this node's CLI transactions too. */
    private synchronized List<ChannelHost> devPeerHosts() {
        return devPeers.stream().map(DevPeer::host).toList();
    }

    private static LocalSigningIdentity identity(Path data, String folder, String mspId, String setting)
            throws PeerStartException {
        Path path = data.resolve(folder);
        try {
            return Identities.load(path, mspId);
        } catch (MspConfigException e) {
            throw new PeerStartException("core.yaml " + setting + ": cannot load MSP " + mspId + " from " + path + ": "
                    + e.getMessage(), e);
        }
    }

    private synchronized ChannelHost host() throws ToolException {
        if (host == null) {
            throw new ToolException("the peer's channels are not open");
        }
        return host;
    }

    private LocalSigningIdentity client(Path msp, String mspId) throws ToolException {
        Path folder = msp != null ? msp : data.resolve(DevNetwork.ORG1_ADMIN_MSP);
        String id = mspId != null && !mspId.isBlank() ? mspId : config.node().localMspId();
        try {
            return Identities.load(folder, id);
        } catch (MspConfigException e) {
            throw new ToolException("cannot load the client identity " + id + " from " + folder + " (set "
                    + "CORE_PEER_MSPCONFIGPATH and CORE_PEER_LOCALMSPID): " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> joinChannel(Path genesisBlock) throws ToolException {
        ChannelHost channels = host();
        Block genesis;
        try {
            genesis = Block.parseFrom(Files.readAllBytes(genesisBlock));
        } catch (IOException e) {
            throw new ToolException("cannot read the genesis block " + genesisBlock + ": " + e.getMessage(), e);
        }
        try {
            channels.join(genesis);
        } catch (ChannelException e) {
            throw new ToolException(genesisBlock + ": " + e.getMessage(), e);
        }
        String joined;
        try {
            joined = ChannelConfig.fromConfigBlock(genesis).channelId();
        } catch (ChannelConfig.ConfigException e) {
            throw new ToolException(genesisBlock + ": " + e.getMessage(), e); // join has checked it already
        }
        return List.of("joined channel " + joined + " at height " + channels.height(joined) + ", "
                + orderedBy(channels, joined));
    }

    @Override
    public List<String> listChannels() throws ToolException {
        ChannelHost channels = host();
        List<String> lines = new ArrayList<>(List.of("Channels this peer has joined:"));
        for (String channel : channels.channels()) {
            lines.add(channel + ": height " + channels.height(channel) + ", " + orderedBy(channels, channel));
        }
        return lines;
    }

    private static String orderedBy(ChannelHost channels, String channel) {
        return channels.ordersLocally(channel)
                ? "ordered by this node (" + channels.consensusType(channel).orElse("?") + ")"
                : "following the ordering service its configuration names";
    }

    @Override
    public List<String> chaincode(ChaincodeCall call) throws ToolException {
        ChannelHost channels = host();
        requireChannel(channels, call.channelId());
        List<ByteString> args = ctorArgs(call.ctorJson());
        ChannelClient client = new ChannelClient(channels, devPeerHosts(), client(call.clientMsp(), call.clientMspId()),
                TIMEOUT);
        try {
            if (!call.submit()) {
                return List.of(client.evaluate(call.channelId(), call.chaincode(), args).toStringUtf8());
            }
            ChannelClient.Submitted submitted = client.submit(call.channelId(), call.chaincode(), args);
            return List.of("Chaincode invoke successful. result: status:200 payload:\""
                            + submitted.payload().toStringUtf8() + "\"",
                    "txid [" + submitted.status().txId() + "] committed with status (" + submitted.status().code()
                            + ") at block " + submitted.status().blockNumber());
        } catch (ChannelClient.ClientException e) {
            throw new ToolException(e.getMessage(), e);
        }
    }

    /** Fabric's {@code -c} JSON: {@code {"Args":[...]}} or {@code {"function":"f","Args":[...]}}. */
    static List<ByteString> ctorArgs(String json) throws ToolException {
        JsonObject object;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new ToolException("-c must be a JSON object such as {\"Args\":[\"ReadAsset\",\"asset1\"]}, was " + json);
            }
            object = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ToolException("-c is not valid JSON (" + e.getMessage() + "): " + json, e);
        }
        List<ByteString> args = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase("function")) {
                args.add(0, ByteString.copyFromUtf8(entry.getValue().getAsString()));
            } else if (entry.getKey().equalsIgnoreCase("args")) {
                if (!entry.getValue().isJsonArray()) {
                    throw new ToolException("-c: Args must be a list of strings");
                }
                JsonArray array = entry.getValue().getAsJsonArray();
                for (JsonElement arg : array) {
                    args.add(ByteString.copyFromUtf8(arg.isJsonPrimitive() ? arg.getAsString() : arg.toString()));
                }
            } else {
                throw new ToolException("-c: unknown key '" + entry.getKey() + "'; use Args (and optionally function)");
            }
        }
        if (args.isEmpty()) {
            throw new ToolException("-c names no function: give {\"Args\":[\"<function>\", ...]}");
        }
        return args;
    }

    @Override
    public List<String> lifecycle(LifecycleCall call) throws ToolException {
        if (call.command().equals("package")) {
            try {
                return packageJar(call.arguments());
            } catch (IOException e) {
                throw new ToolException("cannot read or write " + e.getMessage(), e);
            }
        }
        ChannelHost channels = host();
        List<String> args = withoutConnectionOptions(call.arguments());
        ChannelClient client = new ChannelClient(channels, devPeerHosts(), client(call.clientMsp(), call.clientMspId()),
                TIMEOUT);
        String channel = call.channelId();
        try {
            switch (call.command()) {
                case "install" -> {
                    if (args.size() != 1) {
                        throw new ToolException("install takes one argument, the chaincode package (a bundle jar)");
                    }
                    String anyChannel = channels.channels().stream().findFirst().orElseThrow(() ->
                            new ToolException("installing goes through a joined channel's endorser; none is joined"));
                    byte[] bytes = Files.readAllBytes(Path.of(args.get(0)));
                    String id = client.install(anyChannel, ByteString.copyFrom(bytes));
                    return List.of("Chaincode code package identifier: " + id);
                }
                case "queryinstalled" -> {
                    String anyChannel = channels.channels().stream().findFirst().orElseThrow(() ->
                            new ToolException("no channel is joined"));
                    QueryInstalledChaincodesResult result = QueryInstalledChaincodesResult.parseFrom(client
                            .lifecycleEvaluate(anyChannel, LifecycleChaincode.QUERY_INSTALLED_ALL,
                                    QueryInstalledChaincodesArgs.getDefaultInstance()));
                    List<String> lines = new ArrayList<>(List.of("Installed chaincodes on peer:"));
                    result.getInstalledChaincodesList().forEach(c -> lines.add("Package ID: " + c.getPackageId()
                            + ", Label: " + c.getLabel()));
                    return lines;
                }
                case "approveformyorg" -> {
                    requireChannel(channels, channel);
                    return committed(client.approveForMyOrg(channel, withPins(LifecycleOptions.parse(args))));
                }
                case "commit" -> {
                    requireChannel(channels, channel);
                    return committed(client.commitDefinition(channel, withPins(LifecycleOptions.parse(args))));
                }
                case "checkcommitreadiness" -> {
                    requireChannel(channels, channel);
                    LifecycleOptions options = withPins(LifecycleOptions.parse(args));
                    CheckCommitReadinessResult result = CheckCommitReadinessResult.parseFrom(
                            client.checkCommitReadiness(channel, options));
                    List<String> lines = new ArrayList<>(List.of("Chaincode definition for chaincode '" + options.name()
                            + "', version '" + options.version() + "', sequence '" + options.sequence() + "' on channel '"
                            + channel + "' approval status by org:"));
                    new TreeMap<>(result.getApprovalsMap()).forEach((org, ok) -> lines.add(org + ": " + ok));
                    return lines;
                }
                case "querycommitted" -> {
                    requireChannel(channels, channel);
                    return queryCommitted(client, channel, LifecycleOptions.parse(args).name());
                }
                default -> throw new ToolException("unknown lifecycle command '" + call.command() + "'; available: "
                        + "package, install, queryinstalled, approveformyorg, checkcommitreadiness, commit, querycommitted");
            }
        } catch (CliOptionException | ChannelClient.ClientException e) {
            throw new ToolException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ToolException("cannot read " + e.getMessage(), e);
        }
    }

    private static List<String> packageJar(List<String> args) throws ToolException, IOException {
        String output = null;
        String path = null;
        String label = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--path", "-p" -> path = value(args, ++i, arg);
                case "--label", "-l" -> label = value(args, ++i, arg);
                case "--lang", "-L" -> value(args, ++i, arg); // a bundle is its own language
                default -> {
                    if (arg.startsWith("-") || output != null) {
                        throw new ToolException("package: unexpected argument '" + arg + "'");
                    }
                    output = arg;
                }
            }
        }
        if (output == null || path == null || label == null) {
            throw new ToolException("package needs an output file, --path <bundle jar> and --label <label>");
        }
        try {
            Files.write(Path.of(output), BundlePackages.labelled(Files.readAllBytes(Path.of(path)), label));
        } catch (PackageInstallException e) {
            throw new ToolException(e.getMessage(), e);
        }
        return List.of("Wrote chaincode package " + output + " with label " + label);
    }

    private static String value(List<String> args, int index, String option) throws ToolException {
        if (index >= args.size()) {
            throw new ToolException("option " + option + " needs a value");
        }
        return args.get(index);
    }

    private static List<String> committed(CommitStatus status) {
        return List.of("txid [" + status.txId() + "] committed with status (" + status.code() + ") at block "
                + status.blockNumber());
    }

    /** Fills in {@code --pin-plugins}: the identities of the plugins this peer serves the definition's names with. */
    private LifecycleOptions withPins(LifecycleOptions options) throws ToolException {
        if (!options.pinPlugins()) {
            return options;
        }
        return options.pinnedTo(
                handlers.endorsementPluginIdentity(options.endorsementPluginName()).orElseThrow(() -> new ToolException(
                        "--pin-plugins: nothing serves endorsement plugin '" + options.endorsementPluginName()
                                + "' on this peer (see weft-peer handlers list)")),
                handlers.validationPluginIdentity(options.validationPluginName()).orElseThrow(() -> new ToolException(
                        "--pin-plugins: nothing serves validation plugin '" + options.validationPluginName()
                                + "' on this peer (see weft-peer handlers list)")));
    }

    private static List<String> queryCommitted(ChannelClient client, String channel, String name)
            throws ChannelClient.ClientException, InvalidProtocolBufferException {
        if (!name.isEmpty()) {
            QueryChaincodeDefinitionResult d = client.queryCommitted(channel, name);
            return List.of("Committed chaincode definition for chaincode '" + name + "' on channel '" + channel + "':",
                    "Version: " + d.getVersion() + ", Sequence: " + d.getSequence() + ", Endorsement Plugin: "
                            + d.getEndorsementPlugin() + ", Validation Plugin: " + d.getValidationPlugin()
                            + ", Approvals: " + approvals(d.getApprovalsMap()));
        }
        QueryChaincodeDefinitionsResult all = QueryChaincodeDefinitionsResult.parseFrom(client.lifecycleEvaluate(
                channel, LifecycleChaincode.QUERY_DEFINITIONS, QueryChaincodeDefinitionsArgs.getDefaultInstance()));
        List<String> lines = new ArrayList<>(List.of("Committed chaincode definitions on channel '" + channel + "':"));
        all.getChaincodeDefinitionsList().forEach(d -> lines.add("Name: " + d.getName() + ", Version: "
                + d.getVersion() + ", Sequence: " + d.getSequence() + ", Endorsement Plugin: " + d.getEndorsementPlugin()
                + ", Validation Plugin: " + d.getValidationPlugin()));
        return lines;
    }

    private static String approvals(Map<String, Boolean> approvals) {
        List<String> items = new ArrayList<>();
        new TreeMap<>(approvals).forEach((org, ok) -> items.add(org + ": " + ok));
        return "[" + String.join(", ", items) + "]";
    }

    private static List<String> withoutConnectionOptions(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (arg.equals("--tls") || arg.startsWith("--tls=")) {
                continue;
            }
            if (CONNECTION_OPTIONS.contains(name)) {
                if (!arg.contains("=")) {
                    i++;
                }
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }

    @Override
    public List<String> migrateOrdering(String channelId, String consensusType) throws ToolException {
        ChannelHost channels = host();
        requireChannel(channels, channelId);
        String from = channels.consensusType(channelId).orElse("?");
        try {
            long block = channels.migrateConsensus(channelId, consensusType, TIMEOUT);
            return List.of("channel " + channelId + ": config block " + block + " moves ordering from " + from + " to "
                    + consensusType + "; height " + channels.height(channelId) + ", ordered by "
                    + channels.consensusType(channelId).orElse("?"));
        } catch (ChannelException e) {
            throw new ToolException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while migrating channel " + channelId, e);
        }
    }

    private static void requireChannel(ChannelHost host, String channel) throws ToolException {
        if (channel.isEmpty()) {
            throw new ToolException("name the channel with -C");
        }
        if (!host.channels().contains(channel)) {
            throw new ToolException("channel '" + channel + "' not found; this peer has joined " + host.channels());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        for (ServiceRegistration<?> registration : gateways) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
        gateways.clear();
        devPeers.forEach(p -> p.host().close());
        devPeers.clear();
        if (host != null) {
            host.close();
            host = null;
            LOG.log(System.Logger.Level.INFO, "channels closed");
        }
    }
}
