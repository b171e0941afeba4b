package weft.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code core.yaml}. Fabric's own {@code peer.handlers} section is accepted verbatim; the shorter
 * top-level {@code handlers:} form is accepted too. Every error names the file and the setting.
 */
public final class CoreConfigLoader {

    private static final Set<String> HANDLER_KEYS = Set.of("name", "library");
    private static final Set<String> VALIDATION_KEYS = Set.of("pluginTimeout", "executionFailureRetries", "retryBackoff");
    private static final Set<String> ORDERING_KEYS = Set.of("enabled", "mspConfigPath", "localMspId", "listenAddress", "tls");
    private static final Set<String> TLS_KEYS = Set.of("enabled", "clientAuthRequired", "cert", "key", "rootcert",
            "clientRootCAs", "clientKey", "clientCert");
    private static final Set<String> DEV_NETWORK_KEYS = Set.of("enabled", "channel", "consensusType", "batchTimeout",
            "maxMessageCount", "raftPort", "chaincode", "organizations", "ordererAddress");
    private static final Set<String> DEV_CHAINCODE_KEYS = Set.of("name", "version", "label", "package", "init");
    private static final Set<String> SECTION_KEYS = Set.of("authFilters", "decorators", "endorsers", "validators");

    private final int defaultPoolSize;

    /** @param defaultPoolSize the validator pool size when core.yaml leaves it empty or non-positive */
    public CoreConfigLoader(int defaultPoolSize) {
        this.defaultPoolSize = defaultPoolSize;
    }

    public CoreConfigLoader() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public CoreConfig load(Path file) throws ConfigException {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        return new Reading(file).core(document);
    }

    /** One pass over one file, so that every message can name it. */
    private final class Reading {
        private final Path file;
        private final Path directory;

        Reading(Path file) {
            this.file = file;
            Path parent = file.toAbsolutePath().getParent();
            this.directory = parent != null ? parent : Path.of("").toAbsolutePath();
        }

        CoreConfig core(Object document) throws ConfigException {
            Map<String, Object> root = document == null ? Map.of() : mapping(document, "the document");
            Map<String, Object> peer = root.get("peer") == null ? Map.of() : mapping(root.get("peer"), "peer");
            Object peerHandlers = peer.get("handlers");
            Object topHandlers = root.get("handlers");
            if (peerHandlers != null && topHandlers != null) {
                throw error("handlers", "given both as peer.handlers and as top-level handlers; keep one");
            }
            if (peerHandlers == null && topHandlers == null) {
                throw error("peer.handlers", "missing; a peer needs its endorsers and validators configured");
            }
            String handlersPath = peerHandlers != null ? "peer.handlers" : "handlers";
            HandlersConfig handlers = handlers(peerHandlers != null ? peerHandlers : topHandlers, handlersPath);
            String peerId = optionalString(peer.get("id"), "peer.id").orElse("peer0");
            int poolSize = poolSize(peer.get("validatorPoolSize"));
            return new CoreConfig(file, peerId, handlers, validation(peer.get("validation"), poolSize), node(peer),
                    transientRetention(peer.get("gossip")), network(peer));
        }

        private NetworkSettings network(Map<String, Object> peer) throws ConfigException {
            NetworkSettings defaults = NetworkSettings.DEFAULTS;
            String listen = optionalString(peer.get("listenAddress"), "peer.listenAddress").orElse(defaults.listenAddress());
            hostPort(listen, "peer.listenAddress");
            Optional<String> ordering = Optional.empty();
            Optional<NetworkSettings.OrderingTls> orderingTls = Optional.empty();
            if (peer.get("ordering") != null) {
                Map<String, Object> section = mapping(peer.get("ordering"), "peer.ordering");
                ordering = optionalString(section.get("listenAddress"), "peer.ordering.listenAddress");
                if (ordering.isPresent()) {
                    hostPort(ordering.get(), "peer.ordering.listenAddress");
                }
                if (section.get("tls") != null) {
                    String path = "peer.ordering.tls";
                    Map<String, Object> tls = mapping(section.get("tls"), path);
                    checkKeys(tls, path, Set.of("cert", "key"));
                    String cert = file(tls.get("cert"), path + ".cert")
                            .orElseThrow(() -> error(path + ".cert.file", "missing; the ordering listener's certificate"));
                    String key = file(tls.get("key"), path + ".key")
                            .orElseThrow(() -> error(path + ".key.file", "missing; the key of " + path + ".cert.file"));
                    orderingTls = Optional.of(new NetworkSettings.OrderingTls(cert, key));
                }
            }
            int recv = positive(peer.get("maxRecvMsgSize"), "peer.maxRecvMsgSize", defaults.maxRecvMsgSize());
            int send = positive(peer.get("maxSendMsgSize"), "peer.maxSendMsgSize", defaults.maxSendMsgSize());
            return new NetworkSettings(listen, ordering, tls(peer.get("tls")), recv, send, orderingTls);
        }

        private NetworkSettings.Tls tls(Object node) throws ConfigException {
            NetworkSettings.Tls defaults = NetworkSettings.Tls.DISABLED;
            if (node == null) {
                return defaults;
            }
            String path = "peer.tls";
            Map<String, Object> section = mapping(node, path);
            checkKeys(section, path, TLS_KEYS);
            boolean enabled = flag(section.get("enabled"), path + ".enabled");
            boolean clientAuth = flag(section.get("clientAuthRequired"), path + ".clientAuthRequired");
            String cert = file(section.get("cert"), path + ".cert").orElse(defaults.certFile());
            String key = file(section.get("key"), path + ".key").orElse(defaults.keyFile());
            Optional<String> root = file(section.get("rootcert"), path + ".rootcert").or(defaults::rootCertFile);
            List<String> clientRoots = new ArrayList<>();
            if (section.get("clientRootCAs") != null) {
                Object files = mapping(section.get("clientRootCAs"), path + ".clientRootCAs").get("files");
                if (files != null) {
                    if (!(files instanceof List<?> list)) {
                        throw error(path + ".clientRootCAs.files", "must be a list of files, was " + describe(files));
                    }
                    for (int i = 0; i < list.size(); i++) {
                        optionalString(list.get(i), path + ".clientRootCAs.files[" + i + "]").ifPresent(clientRoots::add);
                    }
                }
            }
            return new NetworkSettings.Tls(enabled, cert, key, root, clientAuth, clientRoots);
        }

        /** A {@code {file: ...}} entry of {@code peer.tls}. */
        private Optional<String> file(Object node, String path) throws ConfigException {
            if (node == null) {
                return Optional.empty();
            }
            return optionalString(mapping(node, path).get("file"), path + ".file");
        }

        private boolean flag(Object node, String path) throws ConfigException {
            if (node == null) {
                return false;
            }
            if (!(node instanceof Boolean value)) {
                throw error(path, "must be true or false, was " + describe(node));
            }
            return value;
        }

        private void hostPort(String address, String path) throws ConfigException {
            int colon = address.lastIndexOf(':');
            String port = colon < 0 ? "" : address.substring(colon + 1);
            if (colon < 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                throw error(path, "must be host:port (e.g. 0.0.0.0:7051), was '" + address + "'");
            }
        }

        private NodeSettings node(Map<String, Object> peer) throws ConfigException {
            NodeSettings defaults = NodeSettings.DEFAULTS;
            String msp = optionalString(peer.get("mspConfigPath"), "peer.mspConfigPath").orElse(defaults.mspConfigPath());
            String mspId = optionalString(peer.get("localMspId"), "peer.localMspId").orElse(defaults.localMspId());
            String ordererMsp = defaults.ordererMspConfigPath();
            String ordererMspId = defaults.ordererMspId();
            boolean orderingEnabled = true;
            if (peer.get("ordering") != null) {
                Map<String, Object> ordering = mapping(peer.get("ordering"), "peer.ordering");
                checkKeys(ordering, "peer.ordering", ORDERING_KEYS);
                ordererMsp = optionalString(ordering.get("mspConfigPath"), "peer.ordering.mspConfigPath").orElse(ordererMsp);
                ordererMspId = optionalString(ordering.get("localMspId"), "peer.ordering.localMspId").orElse(ordererMspId);
                Object enabled = ordering.get("enabled");
                if (enabled != null && !(enabled instanceof Boolean)) {
                    throw error("peer.ordering.enabled", "must be true or false, was " + describe(enabled));
                }
                orderingEnabled = !Boolean.FALSE.equals(enabled);
            }
            Optional<DevNetworkSettings> devNetwork = devNetwork(peer.get("devNetwork"));
            if (!orderingEnabled && devNetwork.isPresent()) {
                throw error("peer.devNetwork", "needs a node that orders its channel; set peer.ordering.enabled: true or "
                        + "peer.devNetwork.enabled: false");
            }
            return new NodeSettings(msp, mspId, ordererMsp, ordererMspId, devNetwork, orderingEnabled);
        }

        private Optional<DevNetworkSettings> devNetwork(Object node) throws ConfigException {
            if (node == null) {
                return Optional.empty();
            }
            String path = "peer.devNetwork";
            Map<String, Object> section = mapping(node, path);
            checkKeys(section, path, DEV_NETWORK_KEYS);
            Object enabled = section.get("enabled");
            if (enabled != null && !(enabled instanceof Boolean)) {
                throw error(path + ".enabled", "must be true or false, was " + describe(enabled));
            }
            if (Boolean.FALSE.equals(enabled)) {
                return Optional.empty();
            }
            String channel = optionalString(section.get("channel"), path + ".channel").orElse("mychannel");
            String type = optionalString(section.get("consensusType"), path + ".consensusType").orElse("solo");
            Duration timeout = duration(section.get("batchTimeout"), path + ".batchTimeout").orElse(Duration.ofSeconds(2));
            if (timeout.isZero()) {
                throw error(path + ".batchTimeout", "must be longer than 0");
            }
            int count = positive(section.get("maxMessageCount"), path + ".maxMessageCount", 500);
            int raftPort = positive(section.get("raftPort"), path + ".raftPort", 7052);
            int organizations = positive(section.get("organizations"), path + ".organizations", 1);
            if (organizations > DevNetworkSettings.MAX_ORGANIZATIONS) {
                throw error(path + ".organizations", "at most " + DevNetworkSettings.MAX_ORGANIZATIONS + ", was "
                        + organizations);
            }
            String ordererAddress = optionalString(section.get("ordererAddress"), path + ".ordererAddress")
                    .orElse(DevNetworkSettings.DEFAULT_ORDERER_ADDRESS);
            if (!ordererAddress.matches("[^\\s:]+:\\d{1,5}")) {
                throw error(path + ".ordererAddress", "must be host:port, was '" + ordererAddress + "'");
            }
            Optional<DevNetworkSettings.DevChaincode> chaincode = Optional.empty();
            if (section.get("chaincode") != null) {
                String cc = path + ".chaincode";
                Map<String, Object> entry = mapping(section.get("chaincode"), cc);
                checkKeys(entry, cc, DEV_CHAINCODE_KEYS);
                String name = optionalString(entry.get("name"), cc + ".name")
                        .orElseThrow(() -> error(cc + ".name", "missing; it names the chaincode to deploy"));
                Path jar = optionalString(entry.get("package"), cc + ".package").map(this::libraryPath)
                        .orElseThrow(() -> error(cc + ".package", "missing; it is the chaincode bundle jar to install"));
                String version = optionalString(entry.get("version"), cc + ".version").orElse("1.0");
                String label = optionalString(entry.get("label"), cc + ".label").orElse(name + "_" + version);
                String init = optionalString(entry.get("init"), cc + ".init").orElse("");
                chaincode = Optional.of(new DevNetworkSettings.DevChaincode(name, version, label, jar, init));
            }
            return Optional.of(new DevNetworkSettings(channel, type, timeout, count, raftPort, chaincode, organizations,
                    ordererAddress));
        }

        private int positive(Object node, String path, int fallback) throws ConfigException {
            if (node == null) {
                return fallback;
            }
            if (!(node instanceof Integer value) || value <= 0) {
                throw error(path, "must be a whole number above 0, was " + describe(node));
            }
            return value;
        }

        private void checkKeys(Map<String, Object> section, String path, Set<String> known) throws ConfigException {
            for (String key : section.keySet()) {
                if (!known.contains(key)) {
                    throw error(path + "." + key, "unknown setting; expected one of " + sorted(known));
                }
            }
        }


        /** {@code peer.gossip.pvtData.transientstoreMaxBlockRetention}; the rest of Fabric's gossip section is ignored. */
        private long transientRetention(Object gossip) throws ConfigException {
            if (gossip == null) {
                return CoreConfig.DEFAULT_TRANSIENT_RETENTION;
            }
            Object pvtData = mapping(gossip, "peer.gossip").get("pvtData");
            if (pvtData == null) {
                return CoreConfig.DEFAULT_TRANSIENT_RETENTION;
            }
            Object retention = mapping(pvtData, "peer.gossip.pvtData").get("transientstoreMaxBlockRetention");
            if (retention == null) {
                return CoreConfig.DEFAULT_TRANSIENT_RETENTION;
            }
            if (!(retention instanceof Integer || retention instanceof Long) || ((Number) retention).longValue() <= 0) {
                throw error("peer.gossip.pvtData.transientstoreMaxBlockRetention", "must be a whole number of blocks"
                        + " above 0, was " + describe(retention));
            }
            return ((Number) retention).longValue();
        }

        private HandlersConfig handlers(Object node, String path) throws ConfigException {
            Map<String, Object> section = mapping(node, path);
            for (String key : section.keySet()) {
                if (!SECTION_KEYS.contains(key)) {
                    throw error(path + "." + key, "unknown handler kind; expected one of " + sorted(SECTION_KEYS));
                }
            }
            List<HandlerSpec> authFilters = builtIns(section.get("authFilters"), path + ".authFilters",
                    BuiltInHandlers.AUTH_FILTERS);
            List<HandlerSpec> decorators = builtIns(section.get("decorators"), path + ".decorators",
                    BuiltInHandlers.DECORATORS);
            Map<String, HandlerSpec> endorsers = plugins(section.get("endorsers"), path + ".endorsers");
            Map<String, HandlerSpec> validators = plugins(section.get("validators"), path + ".validators");
            return new HandlersConfig(authFilters, decorators, endorsers, validators);
        }

        private Map<String, HandlerSpec> plugins(Object node, String path) throws ConfigException {
            Map<String, HandlerSpec> plugins = new LinkedHashMap<>();
            if (node == null) {
                return plugins;
            }
            for (Map.Entry<String, Object> entry : mapping(node, path).entrySet()) {
                String pluginName = entry.getKey();
                if (pluginName.isBlank()) {
                    throw error(path, "a plugin name (map key) is empty");
                }
                plugins.put(pluginName, handler(entry.getValue(), path + "." + pluginName));
            }
            return plugins;
        }

        private List<HandlerSpec> builtIns(Object node, String path, List<String> known) throws ConfigException {
            List<HandlerSpec> handlers = new ArrayList<>();
            if (node == null) {
                return handlers;
            }
            if (!(node instanceof List<?> items)) {
                throw error(path, "must be a list of {name: ...} entries, was " + describe(node));
            }
            for (int i = 0; i < items.size(); i++) {
                String itemPath = path + "[" + i + "]";
                HandlerSpec spec = handler(items.get(i), itemPath);
                if (spec.library().isPresent()) {
                    throw error(itemPath + ".library",
                            "auth filters and decorators are built into the peer; loading them from a library is not supported");
                }
                if (!known.contains(spec.name())) {
                    throw error(itemPath + ".name", "unknown handler '" + spec.name() + "'; known: " + known);
                }
                handlers.add(spec);
            }
            return handlers;
        }

        private HandlerSpec handler(Object node, String path) throws ConfigException {
            Map<String, Object> entry = mapping(node, path);
            for (String key : entry.keySet()) {
                if (!HANDLER_KEYS.contains(key)) {
                    throw error(path + "." + key, "unknown setting; a handler has only " + sorted(HANDLER_KEYS));
                }
            }
            String name = optionalString(entry.get("name"), path + ".name")
                    .orElseThrow(() -> error(path + ".name", "missing; it names the handler to use"));
            Optional<Path> library = optionalString(entry.get("library"), path + ".library").map(this::libraryPath);
            return new HandlerSpec(name, library);
        }

        private Path libraryPath(String value) {
            try {
                return directory.resolve(value).normalize();
            } catch (InvalidPathException e) {
                // Keep the text; installing it will report that the file does not exist.
                return Path.of(value.replace('\0', '?'));
            }
        }

        private int poolSize(Object node) throws ConfigException {
            if (node == null) {
                return defaultPoolSize;
            }
            if (!(node instanceof Integer size)) {
                throw error("peer.validatorPoolSize", "must be a whole number, was " + describe(node));
            }
            return size > 0 ? size : defaultPoolSize;
        }

        private ValidationSettings validation(Object node, int poolSize) throws ConfigException {
            ValidationSettings defaults = ValidationSettings.defaults(poolSize);
            if (node == null) {
                return defaults;
            }
            Map<String, Object> section = mapping(node, "peer.validation");
            for (String key : section.keySet()) {
                if (!VALIDATION_KEYS.contains(key)) {
                    throw error("peer.validation." + key, "unknown setting; expected one of " + sorted(VALIDATION_KEYS));
                }
            }
            Duration timeout = duration(section.get("pluginTimeout"), "peer.validation.pluginTimeout")
                    .orElse(defaults.pluginTimeout());
            if (timeout.isZero()) {
                throw error("peer.validation.pluginTimeout", "must be longer than 0");
            }
            Object retries = section.get("executionFailureRetries");
            if (retries != null && (!(retries instanceof Integer count) || count < 0)) {
                throw error("peer.validation.executionFailureRetries", "must be a whole number of 0 or more, was "
                        + describe(retries));
            }
            Duration backoff = duration(section.get("retryBackoff"), "peer.validation.retryBackoff")
                    .orElse(defaults.retryBackoff());
            return new ValidationSettings(poolSize, timeout,
                    retries == null ? defaults.executionFailureRetries() : (Integer) retries, backoff);
        }

        private Optional<Duration> duration(Object node, String path) throws ConfigException {
            Optional<String> text = optionalString(node, path);
            try {
                return text.map(GoDuration::parse);
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }

        /** A non-empty string; absent, null and empty strings all mean "not set", as in Fabric's core.yaml. */
        private Optional<String> optionalString(Object node, String path) throws ConfigException {
            if (node == null) {
                return Optional.empty();
            }
            if (!(node instanceof String text)) {
                throw error(path, "must be a string, was " + describe(node));
            }
            return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> mapping(Object node, String path) throws ConfigException {
            if (!(node instanceof Map<?, ?> map)) {
                throw error(path, "must be a mapping, was " + describe(node));
            }
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    throw error(path, "has a key that is not a string: " + key);
                }
            }
            return (Map<String, Object>) map;
        }

        private ConfigException error(String setting, String problem) {
            return new ConfigException(file + ": " + setting + ": " + problem);
        }
    }

    private static String describe(Object node) {
        if (node == null) {
            return "empty";
        }
        if (node instanceof Map) {
            return "a mapping";
        }
        if (node instanceof List) {
            return "a list";
        }
        return "'" + node + "'";
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
