package weft.runtime.operations.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import weft.api.plugin.HandlerProperties;
import weft.launcher.spi.HandlerStatus;
import weft.runtime.handlers.BundleDiagnostics;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.SwapStatus;

/**
 * Carries out verified plugin commands on the peer's watched {@code deploy/} directory: writes or deletes the jar
 * (atomically: a staged file moved into place), lets Apache Felix FileInstall install, update or uninstall the
 * bundle, waits (bounded) for the outcome and reports it with the handlers the bundle serves. One command at a
 * time; the answer is a JSON object (see {@link PluginAdminRoute}).
 */
public final class PluginDeployer {

    private static final System.Logger LOG = System.getLogger(PluginDeployer.class.getName());

    /** How long to wait for a started bundle's handler factories to appear in the handler statuses. */
    private static final Duration SERVICES_SETTLE = Duration.ofSeconds(3);
    /** How long an installed bundle may stay unresolved or resolved-but-stopped before that is its outcome. */
    private static final Duration STATE_SETTLE = Duration.ofSeconds(2);

    private final BundleContext context;
    private final Path deploy;
    private final Supplier<Optional<HandlerRegistry>> registry;
    private final Duration timeout;

    /**
     * @param deploy   the directory FileInstall watches ({@code felix.fileinstall.dir})
     * @param registry the peer's handler registry, when it runs
     * @param timeout  how long to wait for a bundle to become active or to go away
     */
    public PluginDeployer(BundleContext context, Path deploy, Supplier<Optional<HandlerRegistry>> registry,
                          Duration timeout) {
        this.context = Objects.requireNonNull(context, "context");
        this.deploy = deploy.toAbsolutePath().normalize();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Performs {@code command}; refusals change nothing. */
    public synchronized JsonObject perform(PluginCommand command) throws AdminRefusal {
        if (!Files.isDirectory(deploy)) {
            throw new AdminRefusal(503, "the peer's deploy directory " + deploy + " does not exist");
        }
        return switch (command.operation()) {
            case LIST -> list();
            case INSTALL -> install(command);
            case UPDATE -> update(command);
            case UNINSTALL -> uninstall(command);
        };
    }

    private JsonObject list() throws AdminRefusal {
        JsonObject answer = answer("list", "", "LISTED");
        JsonArray bundles = new JsonArray();
        for (Path jar : deployedJars()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("file", jar.getFileName().toString());
            entry.addProperty("sha256", sha256(jar));
            Optional<Bundle> bundle = bundleAt(jar);
            entry.addProperty("symbolicName", bundle.map(Bundle::getSymbolicName).orElse(""));
            entry.addProperty("version", bundle.map(b -> b.getVersion().toString()).orElse(""));
            entry.addProperty("state", bundle.map(PluginDeployer::state).orElse("NOT_INSTALLED"));
            bundles.add(entry);
        }
        answer.add("bundles", bundles);
        answer.add("handlers", handlers(null));
        answer.add("swaps", swaps(null));
        return answer;
    }

    private JsonObject install(PluginCommand command) throws AdminRefusal {
        Path target = deploy.resolve(command.fileName());
        if (Files.exists(target)) {
            String what = bundleAt(target).map(b -> " (bundle " + describe(b) + ")").orElse("");
            throw new AdminRefusal(409, "deploy/" + command.fileName() + " exists already" + what
                    + "; use 'weft-peer plugin update' to replace it");
        }
        Staged staged = stage(command);
        try {
            for (Path other : deployedJars()) {
                Optional<Bundle> bundle = bundleAt(other);
                if (bundle.isPresent() && staged.symbolicName().equals(bundle.get().getSymbolicName())) {
                    throw new AdminRefusal(409, "bundle " + staged.symbolicName() + " is deployed already as deploy/"
                            + other.getFileName() + "; update that file instead (FileInstall keys bundles by file "
                            + "name, a second name would install a second copy)");
                }
            }
            for (Bundle bundle : context.getBundles()) {
                if (staged.symbolicName().equals(bundle.getSymbolicName())
                        && staged.version().equals(bundle.getVersion())) {
                    throw new AdminRefusal(409, "bundle " + describe(bundle) + " is already installed from "
                            + bundle.getLocation() + "; give the new jar another version");
                }
            }
            staged.moveTo(target);
        } finally {
            staged.discard();
        }
        LOG.log(System.Logger.Level.INFO, "plugin install: deploy/{0} ({1} {2})", command.fileName(),
                staged.symbolicName(), staged.version());
        return settled("install", target, staged, -1);
    }

    private JsonObject update(PluginCommand command) throws AdminRefusal {
        Path target = deploy.resolve(command.fileName());
        if (!Files.isRegularFile(target)) {
            throw new AdminRefusal(404, "deploy/" + command.fileName() + " does not exist; use 'weft-peer plugin "
                    + "install' for a new plugin (deployed: " + names(deployedJars()) + ")");
        }
        Staged staged = stage(command);
        long before;
        try {
            Optional<Bundle> current = bundleAt(target);
            for (Bundle bundle : context.getBundles()) {
                if (current.map(c -> c.getBundleId() != bundle.getBundleId()).orElse(true)
                        && staged.symbolicName().equals(bundle.getSymbolicName())
                        && staged.version().equals(bundle.getVersion())) {
                    throw new AdminRefusal(409, "bundle " + describe(bundle) + " is already installed from "
                            + bundle.getLocation() + "; the framework cannot hold it twice: give the new jar "
                            + "another version");
                }
            }
            before = current.map(Bundle::getLastModified).orElse(-1L);
            staged.moveTo(target);
        } finally {
            staged.discard();
        }
        LOG.log(System.Logger.Level.INFO, "plugin update: deploy/{0} ({1} {2})", command.fileName(),
                staged.symbolicName(), staged.version());
        return settled("update", target, staged, before);
    }

    private JsonObject uninstall(PluginCommand command) throws AdminRefusal {
        Path target = deploy.resolve(command.fileName());
        if (!Files.isRegularFile(target)) {
            throw new AdminRefusal(404, "deploy/" + command.fileName() + " does not exist (deployed: "
                    + names(deployedJars()) + ")");
        }
        Optional<Bundle> bundle = bundleAt(target);
        Set<String> handlerNames = bundle.map(PluginDeployer::handlerNames).orElse(Set.of());
        try {
            Files.delete(target);
        } catch (IOException e) {
            throw new AdminRefusal(500, "cannot delete deploy/" + command.fileName() + ": " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "plugin uninstall: deploy/{0}", command.fileName());
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean gone = false;
        while (System.nanoTime() < deadline) {
            if (bundle.isEmpty() || bundle.get().getState() == Bundle.UNINSTALLED) {
                gone = true;
                break;
            }
            pause();
        }
        JsonObject answer = answer("uninstall", command.fileName(), gone ? "REMOVED" : "NOT_REMOVED");
        bundle.ifPresent(b -> answer.add("bundle", bundleJson(b, "")));
        if (!gone) {
            answer.addProperty("problem", "bundle " + describe(bundle.get()) + " was still installed after "
                    + timeout.toSeconds() + " s (state " + state(bundle.get()) + ")");
        }
        // The registry learns of the factory's departure asynchronously; give it a moment to say so.
        if (gone && !handlerNames.isEmpty()) {
            awaitHandlers(handlerNames, s -> !s.bundle().equals(bundle.get().getSymbolicName())
                    || !s.bundleVersion().equals(bundle.get().getVersion().toString()));
        }
        answer.add("handlers", handlers(handlerNames));
        answer.add("swaps", swaps(handlerNames));
        return answer;
    }

    /** Waits for FileInstall to act on {@code target} and reports how the bundle ended up. */
    private JsonObject settled(String operation, Path target, Staged staged, long modifiedBefore) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long stuckSince = 0;
        int stuckState = -1;
        Bundle bundle = null;
        String problem = "";
        while (true) {
            Optional<Bundle> current = bundleAt(target);
            boolean fresh = current.isPresent() && current.get().getLastModified() != modifiedBefore
                    && staged.version().equals(current.get().getVersion())
                    && staged.symbolicName().equals(current.get().getSymbolicName());
            if (fresh) {
                bundle = current.get();
                int state = bundle.getState();
                if (state == Bundle.ACTIVE) {
                    break;
                }
                if (state != stuckState) {
                    stuckState = state;
                    stuckSince = System.nanoTime();
                } else if (System.nanoTime() - stuckSince > STATE_SETTLE.toNanos()) {
                    if (state == Bundle.INSTALLED) {
                        List<String> unsatisfied = BundleDiagnostics.unsatisfiedRequirements(context, bundle);
                        if (!unsatisfied.isEmpty()) {
                            problem = "bundle " + describe(bundle) + " cannot be resolved: "
                                    + String.join("; ", unsatisfied);
                            break;
                        }
                    } else if (state == Bundle.RESOLVED) {
                        try {
                            bundle.start(); // what FileInstall tried; this time the failure is ours to report
                        } catch (BundleException | IllegalStateException e) {
                            problem = "bundle " + describe(bundle) + " does not start: " + causes(e);
                            break;
                        }
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                problem = bundle == null
                        ? "FileInstall did not install deploy/" + target.getFileName() + " within "
                                + timeout.toSeconds() + " s (is the peer's FileInstall bundle running? see the log)"
                        : "bundle " + describe(bundle) + " is not active after " + timeout.toSeconds() + " s (state "
                                + state(bundle) + ")";
                break;
            }
            pause();
        }
        JsonObject answer = answer(operation, target.getFileName().toString(), problem.isEmpty() ? "ACTIVE" : "NOT_ACTIVE");
        if (bundle != null) {
            answer.add("bundle", bundleJson(bundle, staged.sha256()));
        }
        if (!problem.isEmpty()) {
            answer.addProperty("problem", problem);
        }
        Set<String> names = Set.of();
        if (bundle != null && problem.isEmpty()) {
            names = awaitRegisteredHandlers(bundle);
            Bundle served = bundle;
            awaitHandlers(names, s -> s.bundle().equals(served.getSymbolicName())
                    && s.bundleVersion().equals(served.getVersion().toString()));
            answer.add("registers", strings(names));
        }
        // After a failed update the handlers of the old revision still matter: report those the jar's bundle name serves.
        answer.add("handlers", names.isEmpty() ? handlersOfBundle(staged.symbolicName()) : handlers(names));
        answer.add("swaps", swaps(names.isEmpty() ? pluginNamesOf(staged.symbolicName()) : names));
        return answer;
    }

    /** The handler names {@code bundle}'s factory services carry, once its components have had a moment. */
    private Set<String> awaitRegisteredHandlers(Bundle bundle) {
        long deadline = System.nanoTime() + SERVICES_SETTLE.toNanos();
        Set<String> names = handlerNames(bundle);
        while (names.isEmpty() && System.nanoTime() < deadline) {
            pause();
            names = handlerNames(bundle);
        }
        return names;
    }

    private void awaitHandlers(Set<String> handlerNames, java.util.function.Predicate<HandlerStatus> done) {
        long deadline = System.nanoTime() + SERVICES_SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            List<HandlerStatus> relevant = statuses().stream()
                    .filter(s -> handlerNames.contains(s.handlerName())).toList();
            if (relevant.stream().allMatch(done)) {
                return;
            }
            pause();
        }
    }

    private static Set<String> handlerNames(Bundle bundle) {
        Set<String> names = new LinkedHashSet<>();
        ServiceReference<?>[] services;
        try {
            services = bundle.getRegisteredServices();
        } catch (IllegalStateException e) {
            return names;
        }
        if (services != null) {
            for (ServiceReference<?> service : services) {
                Object name = service.getProperty(HandlerProperties.NAME);
                if (name != null) {
                    names.add(name.toString());
                }
            }
        }
        return names;
    }

    private List<HandlerStatus> statuses() {
        return registry.get().map(HandlerRegistry::statuses).orElse(List.of());
    }

    private JsonArray handlers(Set<String> handlerNames) {
        JsonArray array = new JsonArray();
        for (HandlerStatus status : statuses()) {
            if (handlerNames == null || handlerNames.contains(status.handlerName())) {
                array.add(handlerJson(status));
            }
        }
        return array;
    }

    private JsonArray handlersOfBundle(String symbolicName) {
        JsonArray array = new JsonArray();
        statuses().stream().filter(s -> s.bundle().equals(symbolicName)).forEach(s -> array.add(handlerJson(s)));
        return array;
    }

    private Set<String> pluginNamesOf(String symbolicName) {
        Set<String> names = new LinkedHashSet<>();
        statuses().stream().filter(s -> s.bundle().equals(symbolicName)).forEach(s -> names.add(s.handlerName()));
        return names;
    }

    /** Swap statuses of the handlers named {@code handlerNames} (all when null). */
    private JsonArray swaps(Set<String> handlerNames) {
        Set<String> pluginKeys = new LinkedHashSet<>();
        for (HandlerStatus status : statuses()) {
            if (handlerNames == null || handlerNames.contains(status.handlerName())) {
                pluginKeys.add(status.kind() + "/" + status.pluginName());
            }
        }
        JsonArray array = new JsonArray();
        List<SwapStatus> swaps = registry.get().map(HandlerRegistry::swapStatuses).orElse(List.of());
        for (SwapStatus swap : swaps) {
            if (pluginKeys.contains(swap.kind() + "/" + swap.pluginName())) {
                JsonObject json = new JsonObject();
                json.addProperty("kind", swap.kind());
                json.addProperty("plugin", swap.pluginName());
                json.addProperty("swaps", swap.swaps());
                json.addProperty("failedSwaps", swap.failedSwaps());
                json.addProperty("lastFailure", swap.lastFailure());
                array.add(json);
            }
        }
        return array;
    }

    private static JsonObject handlerJson(HandlerStatus status) {
        JsonObject json = new JsonObject();
        json.addProperty("kind", status.kind());
        json.addProperty("plugin", status.pluginName());
        json.addProperty("name", status.handlerName());
        json.addProperty("bundle", status.bundle());
        json.addProperty("version", status.bundleVersion());
        json.addProperty("state", status.state().name());
        json.addProperty("problem", status.problem());
        return json;
    }

    private static JsonObject bundleJson(Bundle bundle, String sha256) {
        JsonObject json = new JsonObject();
        json.addProperty("symbolicName", String.valueOf(bundle.getSymbolicName()));
        json.addProperty("version", bundle.getVersion().toString());
        json.addProperty("state", state(bundle));
        if (!sha256.isEmpty()) {
            json.addProperty("sha256", sha256);
        }
        return json;
    }

    private static JsonObject answer(String operation, String file, String outcome) {
        JsonObject json = new JsonObject();
        json.addProperty("operation", operation);
        if (!file.isEmpty()) {
            json.addProperty("file", file);
        }
        json.addProperty("outcome", outcome);
        return json;
    }

    private static JsonArray strings(Set<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /** A jar staged next to its destination (so the move is atomic), with what its manifest says. */
    private record Staged(Path file, String symbolicName, Version version, String sha256) {

        void moveTo(Path target) throws AdminRefusal {
            try {
                try {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new AdminRefusal(500, "cannot move the jar into " + target + ": " + e.getMessage(), e);
            }
        }

        void discard() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete staged file " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * Writes the jar to a file FileInstall ignores (its name does not end in {@code .jar}) and checks that it is
     * an OSGi bundle.
     */
    private Staged stage(PluginCommand command) throws AdminRefusal {
        Path file;
        try {
            file = Files.createTempFile(deploy, "." + command.fileName() + ".", ".staged");
            Files.write(file, command.jar());
        } catch (IOException e) {
            throw new AdminRefusal(500, "cannot write into the deploy directory " + deploy + ": " + e.getMessage(), e);
        }
        try {
            Manifest manifest;
            try (JarFile jar = new JarFile(file.toFile())) {
                manifest = jar.getManifest();
            } catch (IOException e) {
                throw new AdminRefusal(400, command.fileName() + " is not a jar: " + e.getMessage(), e);
            }
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (name == null || name.isBlank()) {
                throw new AdminRefusal(400, command.fileName() + " is not an OSGi bundle: its manifest has no "
                        + "Bundle-SymbolicName (build plugins with bnd or another bundle tool; see docs/plugin-authors.md)");
            }
            Attributes main = manifest.getMainAttributes();
            Version version;
            try {
                version = Version.parseVersion(main.getValue(Constants.BUNDLE_VERSION));
            } catch (IllegalArgumentException e) {
                throw new AdminRefusal(400, command.fileName() + ": Bundle-Version '"
                        + main.getValue(Constants.BUNDLE_VERSION) + "' is not an OSGi version", e);
            }
            return new Staged(file, name.split(";", 2)[0].trim(), version, sha256(command.jar()));
        } catch (AdminRefusal | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The {@code *.jar} files FileInstall watches, by name. */
    private List<Path> deployedJars() throws AdminRefusal {
        try (Stream<Path> files = Files.list(deploy)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new AdminRefusal(500, "cannot list the deploy directory " + deploy + ": " + e.getMessage(), e);
        }
    }

    private static String names(List<Path> jars) {
        return jars.isEmpty() ? "none" : String.join(", ", jars.stream().map(j -> j.getFileName().toString()).toList());
    }

    /** The bundle FileInstall installed from {@code jar} (its location is the file's URI). */
    private Optional<Bundle> bundleAt(Path jar) {
        for (Bundle bundle : context.getBundles()) {
            Path location = locationFile(bundle);
            if (location != null && location.getFileName() != null
                    && location.getFileName().toString().equals(jar.getFileName().toString())
                    && sameDirectory(location.getParent(), jar.getParent())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private static boolean sameDirectory(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize()) || Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path locationFile(Bundle bundle) {
        String location = bundle.getLocation();
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }

    private static String describe(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN";
        };
    }

    private static String causes(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause()) {
            if (t.getMessage() != null && !messages.contains(t.getMessage())) {
                messages.add(t.getMessage());
            }
        }
        return String.join(": ", messages);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for FileInstall", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String sha256(Path file) throws AdminRefusal {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new AdminRefusal(500, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
