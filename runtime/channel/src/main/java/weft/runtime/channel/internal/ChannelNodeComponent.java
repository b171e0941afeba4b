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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
import weft.runtime.channel.CommitStatus;
import weft.runtime.config.CoreConfig;
import weft.runtime.config.DevNetworkSettings;
import weft.runtime.config.NodeSettings;
import weft.runtime.endorser.chaincode.ChaincodeRegistry;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.lifecycle.LifecycleChaincode;
import weft.runtime.lifecycle.PackageInstallException;
import weft.runtime.lifecycle.cli.CliOptionException;
import weft.runtime.lifecycle.cli.LifecycleOptions;
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
    private static final Duration CONSENTER_WAIT = Duration.ofSeconds(10);
    /** Connection options of Fabric's CLI that mean nothing in process; accepted and ignored. */
    private static final Set<String> CONNECTION_OPTIONS = Set.of("-o", "--orderer", "--cafile", "--peerAddresses",
            "--tlsRootCertFiles", "--ordererTLSHostnameOverride", "--connectionProfile", "--certfile", "--keyfile");

    private final BundleContext context;
    private final CoreConfig config;
    private final HandlerRegistry handlers;
    private final ChaincodeRegistry registry;
    private final Map<String, ConsenterFactory> consenters = new ConcurrentHashMap<>();
    private ChannelHost host;
    private Path data;
    private ServiceRegistration<ChannelGateway> gateway;

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

    private ConsenterFactory consenter(String type) throws ChannelException {
        long deadline = System.nanoTime() + CONSENTER_WAIT.toNanos();
        while (true) {
            ConsenterFactory factory = consenters.get(type);
            if (factory != null) {
                return factory;
            }
            if (System.nanoTime() > deadline) {
                throw new ChannelException("no consenter bundle serves consensus type '" + type + "' (available: "
                        + new TreeMap<>(consenters).keySet() + "); install the bundle that registers a "
                        + ConsenterFactory.class.getSimpleName() + " with " + HandlerProperties.NAME + "=" + type);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelException("interrupted while waiting for the '" + type + "' consenter");
            }
        }
    }

    @Override
    public synchronized List<String> open(Path dataDirectory, boolean createDevNetwork) throws PeerStartException {
        if (host != null) {
            throw new PeerStartException("the channels are already open in " + data);
        }
        NodeSettings node = config.node();
        List<String> lines = new ArrayList<>();
        try {
            Files.createDirectories(dataDirectory);
            if (createDevNetwork && node.devNetwork().isPresent()) {
                lines.addAll(DevNetwork.ensureCrypto(dataDirectory));
            }
        } catch (IOException e) {
            throw new PeerStartException("cannot prepare the data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        LocalSigningIdentity peer = identity(dataDirectory, node.mspConfigPath(), node.localMspId(), "peer.mspConfigPath");
        LocalSigningIdentity orderer = identity(dataDirectory, node.ordererMspConfigPath(), node.ordererMspId(),
                "peer.ordering.mspConfigPath");
        BundlePackages packages = new BundlePackages(registry, dataDirectory.resolve("chaincodes"));
        int reinstalled = packages.reinstall();
        int raftPort = node.devNetwork().map(DevNetworkSettings::raftPort).orElse(7050);
        ChannelHost opened = new ChannelHost(new ChannelHost.Services(dataDirectory, config.validation(), handlers,
                this::consenter, registry, packages, peer, new OrdererSigner(orderer), raftPort,
                config.transientStoreMaxBlockRetention()));
        try {
            opened.openJoined();
            if (createDevNetwork && node.devNetwork().isPresent()) {
                lines.addAll(DevNetwork.ensureChannel(opened, dataDirectory, node.devNetwork().get(), TIMEOUT));
            }
        } catch (ChannelException e) {
            opened.close();
            throw new PeerStartException(e.getMessage(), e);
        }
        host = opened;
        data = dataDirectory;
        if (reinstalled > 0) {
            lines.add(reinstalled + " installed chaincode package(s) loaded from " + dataDirectory.resolve("chaincodes"));
        }
        for (String channel : host.channels()) {
            StringBuilder line = new StringBuilder("channel " + channel + ": height " + host.height(channel));
            node.devNetwork().filter(d -> d.channel().equals(channel)).flatMap(DevNetworkSettings::chaincode)
                    .ifPresent(cc -> line.append(", chaincode ").append(cc.name()).append(": ")
                            .append(DevNetwork.assets(host, dataDirectory, channel, cc.name(), TIMEOUT)));
            lines.add(line.toString());
        }
        if (host.channels().isEmpty()) {
            lines.add("no channels joined in " + dataDirectory);
        }
        // The network services resolve core.yaml's relative TLS paths against the data directory, as MSP paths are.
        gateway = context.registerService(ChannelGateway.class, host, FrameworkUtil.asDictionary(Map.of(
                ChannelGateway.DATA_DIRECTORY, dataDirectory.toAbsolutePath().toString(),
                ChannelGateway.MSP_ID, host.mspId())));
        return lines;
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
    public List<String> chaincode(ChaincodeCall call) throws ToolException {
        ChannelHost channels = host();
        requireChannel(channels, call.channelId());
        List<ByteString> args = ctorArgs(call.ctorJson());
        ChannelClient client = new ChannelClient(channels, client(call.clientMsp(), call.clientMspId()), TIMEOUT);
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
        ChannelClient client = new ChannelClient(channels, client(call.clientMsp(), call.clientMspId()), TIMEOUT);
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
                    return committed(client.approveForMyOrg(channel, LifecycleOptions.parse(args)));
                }
                case "commit" -> {
                    requireChannel(channels, channel);
                    return committed(client.commitDefinition(channel, LifecycleOptions.parse(args)));
                }
                case "checkcommitreadiness" -> {
                    requireChannel(channels, channel);
                    LifecycleOptions options = LifecycleOptions.parse(args);
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
        if (gateway != null) {
            gateway.unregister();
            gateway = null;
        }
        if (host != null) {
            host.close();
            host = null;
            LOG.log(System.Logger.Level.INFO, "channels closed");
        }
    }
}
