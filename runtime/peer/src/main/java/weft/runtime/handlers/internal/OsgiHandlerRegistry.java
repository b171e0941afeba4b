package weft.runtime.handlers.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.endorsement.EndorsementPluginFactory;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.api.validation.ValidationPluginFactory;
import weft.launcher.spi.HandlerStatus;
import weft.runtime.config.HandlerSpec;
import weft.runtime.config.HandlersConfig;
import weft.runtime.handlers.BundleDiagnostics;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.HandlerUnavailableException;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.handlers.ServedPlugin;
import weft.runtime.handlers.SwapStatus;
import weft.runtime.handlers.ValidationSnapshot;

/**
 * The handler registry over the OSGi service registry: installs the bundles that handlers name as
 * {@code library}, then serves each endorser and validator from the factory service registered under its
 * handler name. A handler that nothing can serve is reported, never fatal: the peer keeps running and every
 * request for it fails with the reason.
 */
public final class OsgiHandlerRegistry implements HandlerRegistry, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(25);
    /** How long a plugin bundle's removal waits for the blocks still validating on its instances. */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private final BundleContext context;
    private final HandlersConfig config;
    private final Map<HandlerKind, Map<String, LibraryInstaller.Outcome>> libraryOutcomes = new HashMap<>();
    private final PluginBinding<EndorsementPluginFactory, EndorsementPlugin> endorsers;
    private final PluginBinding<ValidationPluginFactory, ValidationPlugin> validators;

    private OsgiHandlerRegistry(BundleContext context, HandlersConfig config) {
        this.context = context;
        this.config = config;
        BundleDigests digests = new BundleDigests();
        this.endorsers = new PluginBinding<>(context, EndorsementPluginFactory.class, HandlerKind.ENDORSER,
                config.endorsers(), name -> libraryBundle(HandlerKind.ENDORSER, name),
                EndorsementPluginFactory::newPlugin, EndorsementPlugin::init, DRAIN_LIMIT, digests);
        this.validators = new PluginBinding<>(context, ValidationPluginFactory.class, HandlerKind.VALIDATOR,
                config.validators(), name -> libraryBundle(HandlerKind.VALIDATOR, name),
                ValidationPluginFactory::newPlugin, ValidationPlugin::init, DRAIN_LIMIT, digests);
    }

    /**
     * Installs the configured libraries, starts tracking plugin factories and waits up to {@code settle} for
     * every handler to be served (plugin components may register a moment after their bundle starts).
     */
    public static OsgiHandlerRegistry open(BundleContext context, HandlersConfig config, Duration settle) {
        OsgiHandlerRegistry registry = new OsgiHandlerRegistry(context, config);
        registry.installLibraries();
        registry.endorsers.open();
        registry.validators.open();
        registry.awaitServed(settle);
        return registry;
    }

    @Override
    public EndorsementPlugin endorsementPlugin(String pluginName, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException {
        failIfLibraryRefused(endorsers, pluginName);
        return endorsers.plugin(pluginName, channelId, dependencies);
    }

    @Override
    public ValidationPlugin validationPlugin(String pluginName, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException {
        failIfLibraryRefused(validators, pluginName);
        return validators.plugin(pluginName, channelId, dependencies);
    }

    @Override
    public ValidationSnapshot validationSnapshot(String channelId, Dependency... dependencies) {
        return new BindingSnapshot(channelId, dependencies);
    }

    @Override
    public Optional<PluginIdentity> validationPluginIdentity(String pluginName) {
        return libraryProblem(validators, pluginName).isPresent() ? Optional.empty() : validators.identity(pluginName);
    }

    @Override
    public Optional<PluginIdentity> endorsementPluginIdentity(String pluginName) {
        return libraryProblem(endorsers, pluginName).isPresent() ? Optional.empty() : endorsers.identity(pluginName);
    }

    @Override
    public List<SwapStatus> swapStatuses() {
        List<SwapStatus> statuses = new ArrayList<>();
        config.endorsers().keySet().forEach(name -> statuses.add(endorsers.swapStatus(name)));
        config.validators().keySet().forEach(name -> statuses.add(validators.swapStatus(name)));
        return statuses;
    }

    /** A block's validation plugins: the channel's instances leased at the start, others leased on first use. */
    private final class BindingSnapshot implements ValidationSnapshot {
        private final String channelId;
        private final Dependency[] dependencies;
        private final Map<String, PluginBinding.Lease<ValidationPluginFactory, ValidationPlugin>> leases;
        private final Map<String, ServedPlugin<ValidationPlugin>> served = new ConcurrentHashMap<>();
        private boolean closed;

        BindingSnapshot(String channelId, Dependency... dependencies) {
            this.channelId = channelId;
            this.dependencies = dependencies.clone();
            this.leases = validators.leaseAll(channelId);
        }

        @Override
        public ServedPlugin<ValidationPlugin> validationPlugin(String pluginName) throws HandlerUnavailableException {
            ServedPlugin<ValidationPlugin> known = served.get(pluginName);
            if (known != null) {
                return known;
            }
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the validation snapshot of channel '" + channelId + "' is closed");
                }
                PluginBinding.Lease<ValidationPluginFactory, ValidationPlugin> lease = leases.get(pluginName);
                if (lease == null) {
                    failIfLibraryRefused(validators, pluginName);
                    lease = validators.lease(pluginName, channelId, dependencies);
                    leases.put(pluginName, lease);
                }
                ServedPlugin<ValidationPlugin> plugin = new ServedPlugin<>(lease.instance().plugin(),
                        Optional.of(lease.instance().identity()));
                served.put(pluginName, plugin);
                return plugin;
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                leases.values().forEach(PluginBinding.Lease::close);
            }
        }
    }

    @Override
    public List<HandlerStatus> statuses() {
        List<HandlerStatus> statuses = new ArrayList<>();
        builtIns(HandlerKind.AUTH_FILTER, config.authFilters(), statuses);
        builtIns(HandlerKind.DECORATOR, config.decorators(), statuses);
        plugins(endorsers, statuses);
        plugins(validators, statuses);
        return statuses;
    }

    @Override
    public void close() {
        // Library bundles stay installed until the framework stops; its cache is wiped at the next start.
        endorsers.close();
        validators.close();
    }

    private void installLibraries() {
        LibraryInstaller installer = new LibraryInstaller(context);
        Map<Path, LibraryInstaller.Outcome> byPath = new HashMap<>();
        install(HandlerKind.ENDORSER, config.endorsers(), installer, byPath);
        install(HandlerKind.VALIDATOR, config.validators(), installer, byPath);
    }

    private void install(HandlerKind kind, Map<String, HandlerSpec> handlers, LibraryInstaller installer,
                         Map<Path, LibraryInstaller.Outcome> byPath) {
        Map<String, LibraryInstaller.Outcome> outcomes = libraryOutcomes.computeIfAbsent(kind, k -> new HashMap<>());
        handlers.forEach((pluginName, spec) -> spec.library().ifPresent(library ->
                // One jar may serve several handlers; install it once.
                outcomes.put(pluginName, byPath.computeIfAbsent(library, installer::install))));
    }

    private Optional<LibraryInstaller.Outcome> libraryOutcome(HandlerKind kind, String pluginName) {
        return Optional.ofNullable(libraryOutcomes.getOrDefault(kind, Map.of()).get(pluginName));
    }

    private Optional<Bundle> libraryBundle(HandlerKind kind, String pluginName) {
        return libraryOutcome(kind, pluginName)
                .filter(LibraryInstaller.Installed.class::isInstance)
                .map(outcome -> ((LibraryInstaller.Installed) outcome).bundle());
    }

    private Optional<String> libraryProblem(PluginBinding<?, ?> binding, String pluginName) {
        return libraryOutcome(binding.kind(), pluginName)
                .filter(LibraryInstaller.Refused.class::isInstance)
                .map(outcome -> binding.handlerLabel(pluginName, binding.configured().get(pluginName)) + ": "
                        + ((LibraryInstaller.Refused) outcome).problem());
    }

    private void failIfLibraryRefused(PluginBinding<?, ?> binding, String pluginName)
            throws HandlerUnavailableException {
        Optional<String> problem = libraryProblem(binding, pluginName);
        if (problem.isPresent()) {
            throw new HandlerUnavailableException(problem.get());
        }
    }

    private void awaitServed(Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (!allServable() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** True when every handler is served, or cannot be (its library was refused, so waiting will not help). */
    private boolean allServable() {
        return allServable(endorsers) && allServable(validators);
    }

    private boolean allServable(PluginBinding<?, ?> binding) {
        for (Map.Entry<String, HandlerSpec> entry : binding.configured().entrySet()) {
            if (libraryProblem(binding, entry.getKey()).isEmpty()
                    && binding.serving(entry.getKey(), entry.getValue()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void builtIns(HandlerKind kind, List<HandlerSpec> handlers, List<HandlerStatus> statuses) {
        Bundle peer = context.getBundle();
        for (int i = 0; i < handlers.size(); i++) {
            statuses.add(new HandlerStatus(kind.label(), "[" + i + "]", handlers.get(i).name(),
                    peer.getSymbolicName(), peer.getVersion().toString(), HandlerStatus.State.BUILT_IN, ""));
        }
    }

    private <F> void plugins(PluginBinding<F, ?> binding, List<HandlerStatus> statuses) {
        binding.configured().forEach((pluginName, spec) -> {
            Optional<String> problem = libraryProblem(binding, pluginName);
            String swapProblem = binding.swapStatus(pluginName).lastFailure();
            // What channels use now; it differs from what is registered when a replacement failed or is pending.
            Optional<PluginIdentity> active = problem.isPresent() ? Optional.empty() : binding.activeIdentity(pluginName);
            Optional<ServiceReference<F>> serving = problem.isPresent()
                    ? Optional.empty() : binding.serving(pluginName, spec);
            if (active.isPresent()) {
                String orphaned = binding.orphanedBundle(pluginName)
                        .map(bundle -> orphanProblem(binding, pluginName, active.get(), bundle)).orElse("");
                statuses.add(new HandlerStatus(binding.kind().label(), pluginName, spec.name(),
                        active.get().bundleSymbolicName(), active.get().bundleVersion(), HandlerStatus.State.ACTIVE,
                        String.join("; ", java.util.stream.Stream.of(orphaned, swapProblem)
                                .filter(text -> !text.isEmpty()).toList())));
            } else if (serving.isPresent() && serving.get().getBundle() != null) {
                Bundle bundle = serving.get().getBundle();
                statuses.add(new HandlerStatus(binding.kind().label(), pluginName, spec.name(),
                        bundle.getSymbolicName(), bundle.getVersion().toString(), HandlerStatus.State.ACTIVE,
                        swapProblem));
            } else {
                statuses.add(new HandlerStatus(binding.kind().label(), pluginName, spec.name(), "", "",
                        HandlerStatus.State.FAILED, problem.orElseGet(() -> binding.unavailable(pluginName, spec, ""))));
            }
        });
    }

    /** Why channels still run an instance whose bundle no longer serves the handler, and what is wrong with it. */
    private String orphanProblem(PluginBinding<?, ?> binding, String pluginName, PluginIdentity active, Bundle bundle) {
        String prefix = binding.handlerLabel(pluginName, binding.configured().get(pluginName)) + ": channels keep "
                + "using " + active + " because nothing else serves the handler; its bundle " + bundle.getSymbolicName();
        if (bundle.getState() == Bundle.UNINSTALLED) {
            return prefix + " was uninstalled";
        }
        String now = " (now version " + bundle.getVersion() + ")";
        if (bundle.getState() == Bundle.INSTALLED) {
            List<String> unsatisfied = BundleDiagnostics.unsatisfiedRequirements(context, bundle);
            return prefix + now + " cannot be resolved" + (unsatisfied.isEmpty() ? "" : ": " + String.join("; ", unsatisfied));
        }
        return prefix + now + " is " + (bundle.getState() == Bundle.ACTIVE ? "active but registers no factory for it"
                : "not started");
    }
}
