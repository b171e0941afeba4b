package weft.runtime.operations.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operations endpoint's settings: {@code core.yaml}'s top-level {@code operations} section, as in Fabric.
 * Relative file names are resolved against the directory of {@code core.yaml}.
 *
 * @param enabled         false when {@code operations.listenAddress} is set to an empty string: no endpoint
 * @param host            where {@code operations.listenAddress} listens
 * @param port            its port; 0 picks a free one
 * @param tls             {@code operations.tls}, when {@code enabled}
 * @param minFreeDiskMiB  {@code operations.minFreeDiskMB} (Weft's): below this many MiB free in the data
 *                        directory's file system, {@code /healthz} reports the {@code disk} component
 */
record OperationsSettings(boolean enabled, String host, int port, Optional<Tls> tls, long minFreeDiskMiB) {

    static final String DEFAULT_ADDRESS = "127.0.0.1:9443";
    static final long DEFAULT_MIN_FREE_DISK_MIB = 100;

    private static final Set<String> KEYS = Set.of("listenAddress", "tls", "minFreeDiskMB");
    private static final Set<String> TLS_KEYS = Set.of("enabled", "cert", "key", "clientAuthRequired", "clientRootCAs");

    /**
     * {@code operations.tls}.
     *
     * @param certificate        {@code cert.file}: the server's certificate chain (PEM)
     * @param privateKey         {@code key.file}: its private key (PEM, PKCS #8, as Fabric's tools write it)
     * @param clientAuthRequired clients must present a certificate issued by one of {@code clientRootCAs}
     * @param clientRootCAs      {@code clientRootCAs.files}
     */
    record Tls(Path certificate, Path privateKey, boolean clientAuthRequired, List<Path> clientRootCAs) {
        Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            clientRootCAs = List.copyOf(clientRootCAs);
        }
    }

    /** The settings when core.yaml has no {@code operations} section. */
    static OperationsSettings defaults() {
        return new OperationsSettings(true, "127.0.0.1", 9443, Optional.empty(), DEFAULT_MIN_FREE_DISK_MIB);
    }

    /** Reads the {@code operations} section of a core.yaml. */
    static OperationsSettings read(Path coreYaml) throws OperationsConfigException {
        Object document;
        try (Reader reader = Files.newBufferedReader(coreYaml)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | RuntimeException e) {
            throw new OperationsConfigException(coreYaml + ": cannot read it: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> root) || root.get("operations") == null) {
            return defaults();
        }
        Path base = coreYaml.toAbsolutePath().getParent();
        Map<?, ?> section = mapping(root.get("operations"), "operations", coreYaml);
        unknownKeys(section, KEYS, "operations", coreYaml);
        String address = section.get("listenAddress") == null ? DEFAULT_ADDRESS : section.get("listenAddress").toString();
        long minFree = minFree(section, coreYaml);
        if (address.isBlank()) {
            return new OperationsSettings(false, "", 0, Optional.empty(), minFree);
        }
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw error(coreYaml, "operations.listenAddress", "'" + address + "' is not host:port");
        }
        String host = address.substring(0, colon).trim();
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw error(coreYaml, "operations.listenAddress", "'" + address + "' has no port number");
        }
        if (port < 0 || port > 65535) {
            throw error(coreYaml, "operations.listenAddress", "port " + port + " is out of range");
        }
        return new OperationsSettings(true, host.isEmpty() ? "0.0.0.0" : host, port,
                tls(section.get("tls"), base, coreYaml), minFree);
    }

    private static long minFree(Map<?, ?> section, Path coreYaml) throws OperationsConfigException {
        Object value = section.get("minFreeDiskMB");
        if (value == null) {
            return DEFAULT_MIN_FREE_DISK_MIB;
        }
        try {
            long mib = Long.parseLong(value.toString().trim());
            if (mib >= 0) {
                return mib;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(coreYaml, "operations.minFreeDiskMB", "'" + value + "' is not a number of MiB (0 or more)");
    }

    private static Optional<Tls> tls(Object value, Path base, Path coreYaml) throws OperationsConfigException {
        if (value == null) {
            return Optional.empty();
        }
        Map<?, ?> tls = mapping(value, "operations.tls", coreYaml);
        unknownKeys(tls, TLS_KEYS, "operations.tls", coreYaml);
        if (!Boolean.parseBoolean(String.valueOf(tls.get("enabled")))) {
            return Optional.empty();
        }
        Path cert = file(tls.get("cert"), "operations.tls.cert.file", base, coreYaml);
        Path key = file(tls.get("key"), "operations.tls.key.file", base, coreYaml);
        boolean clientAuth = Boolean.parseBoolean(String.valueOf(tls.get("clientAuthRequired")));
        List<Path> roots = new ArrayList<>();
        if (tls.get("clientRootCAs") != null) {
            Object files = mapping(tls.get("clientRootCAs"), "operations.tls.clientRootCAs", coreYaml).get("files");
            if (files instanceof List<?> list) {
                for (Object file : list) {
                    if (file != null && !file.toString().isBlank()) {
                        roots.add(base.resolve(file.toString().trim()));
                    }
                }
            } else if (files != null) {
                throw error(coreYaml, "operations.tls.clientRootCAs.files", "expected a list of files");
            }
        }
        if (clientAuth && roots.isEmpty()) {
            throw error(coreYaml, "operations.tls.clientRootCAs.files",
                    "clientAuthRequired is true, so at least one client root CA certificate is needed");
        }
        return Optional.of(new Tls(cert, key, clientAuth, roots));
    }

    private static Path file(Object value, String path, Path base, Path coreYaml) throws OperationsConfigException {
        Object file = value instanceof Map<?, ?> map ? map.get("file") : null;
        if (file == null || file.toString().isBlank()) {
            throw error(coreYaml, path, "TLS is enabled, so this file is needed");
        }
        return base.resolve(file.toString().trim());
    }

    private static Map<?, ?> mapping(Object value, String path, Path coreYaml) throws OperationsConfigException {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw error(coreYaml, path, "expected a mapping");
    }

    private static void unknownKeys(Map<?, ?> section, Set<String> known, String path, Path coreYaml)
            throws OperationsConfigException {
        for (Object key : section.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw error(coreYaml, path + "." + key, "unknown setting; expected one of " + new TreeSet<>(known));
            }
        }
    }

    private static OperationsConfigException error(Path coreYaml, String path, String message) {
        return new OperationsConfigException(coreYaml + ": " + path + ": " + message, null);
    }
}
