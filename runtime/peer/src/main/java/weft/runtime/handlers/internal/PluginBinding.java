package weft.runtime.handlers.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import weft.api.plugin.Dependency;
import weft.api.plugin.HandlerProperties;
import weft.api.plugin.PluginInitException;
import weft.runtime.config.HandlerSpec;
import weft.runtime.handlers.HandlerUnavailableException;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.metrics.ServiceMetrics;
import weft.runtime.handlers.SwapStatus;

/**
 * Binds the handlers of one kind (endorsers or validators) to the factory services that plugin bundles
 * register, and keeps one initialised plugin instance per (plugin name, channel).
 *
 * <p>Swaps: when the factory that should serve a handler changes (a bundle is added, updated, re-ranked or
 * removed), every channel's instance is replaced by one created from the new factory and initialised with the
 * channel's dependencies <em>before</em> anyone is handed it. If that fails, the channel keeps its old instance
 * and the failure is recorded ({@link #swapStatus}). If nothing else serves the handler when its factory goes
 * away, the old instances stay in use until something does. Blocks hold {@link Lease}s on the instances they
 * use; a factory that goes away is held (its bundle's stop waits) until the blocks that started on its instances
 * have finished, up to a drain limit.
 *
 * @param <F> the factory service type
 * @param <P> the plugin type
 */
final class PluginBinding<F, P> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginBinding.class.getName());

    /** Calls a plugin's {@code init}; the two plugin types share the signature but not an interface. */
    @FunctionalInterface
    interface Initializer<P> {
        void init(P plugin, Dependency... dependencies) throws PluginInitException;
    }

    private record InstanceKey(String pluginName, String channelId) {
    }

    /** One initialised plugin instance, the factory it came from, and the blocks that hold it now. */
    static final class Instance<F, P> {
        private final P plugin;
        private final ServiceReference<F> source;
        private final Bundle bundle;
        private final PluginIdentity identity;
        private final Dependency[] dependencies;
        private final Set<Lease<F, P>> leases = new HashSet<>(); // guarded by the binding's lock

        private Instance(P plugin, ServiceReference<F> source, Bundle bundle, PluginIdentity identity,
                         Dependency[] dependencies) {
            this.plugin = plugin;
            this.source = source;
            this.bundle = bundle;
            this.identity = identity;
            this.dependencies = dependencies;
        }

        P plugin() {
            return plugin;
        }

        PluginIdentity identity() {
            return identity;
        }
    }

    /** One block's hold on an instance; closing it lets a retired instance go. */
    static final class Lease<F, P> implements AutoCloseable {
        private final PluginBinding<F, P> binding;
        private final Instance<F, P> instance;
        private boolean closed; // guarded by the binding's lock

        private Lease(PluginBinding<F, P> binding, Instance<F, P> instance) {
            this.binding = binding;
            this.instance = instance;
        }

        Instance<F, P> instance() {
            return instance;
        }

        @Override
        public void close() {
            synchronized (binding.lock) {
                if (!closed) {
                    closed = true;
                    instance.leases.remove(this);
                    if (instance.leases.isEmpty()) {
                        binding.retired.remove(instance);
                    }
                    binding.lock.notifyAll();
                }
            }
        }
    }

    /** Counters and the last failure of swaps, per plugin name. */
    private static final class Swaps {
        long done;
        long failed;
        String lastFailure = "";
    }

    private final HandlerKind kind;
    private final Map<String, HandlerSpec> configured;
    private final Function<String, Optional<Bundle>> libraryBundle;
    private final Function<F, P> newPlugin;
    private final Initializer<P> initializer;
    private final Duration drainLimit;
    private final BundleDigests digests;
    private final ServiceTracker<F, F> tracker;
    // Reads are lock-free (the endorser asks per proposal); every change happens under the lock.
    private final Object lock = new Object();
    private final Map<InstanceKey, Instance<F, P>> instances = new ConcurrentHashMap<>();
    private final Map<ServiceReference<F>, F> factories = new ConcurrentHashMap<>();
    private final Set<Instance<F, P>> retired = new HashSet<>();
    private final Map<String, Swaps> swaps = new HashMap<>();
    private final BundleContext context;

    /**
     * @param libraryBundle the bundle installed from a handler's {@code library}, by handler name; its factory is
     *                      preferred over others of the same name
     * @param drainLimit    how long a factory's removal waits for the blocks still using its instances
     */
    PluginBinding(BundleContext context, Class<F> factoryType, HandlerKind kind, Map<String, HandlerSpec> configured,
                  Function<String, Optional<Bundle>> libraryBundle, Function<F, P> newPlugin,
                  Initializer<P> initializer, Duration drainLimit, BundleDigests digests) {
        this.context = context;
        this.kind = kind;
        this.configured = configured;
        this.libraryBundle = libraryBundle;
        this.newPlugin = newPlugin;
        this.initializer = initializer;
        this.drainLimit = drainLimit;
        this.digests = digests;
        this.tracker = new ServiceTracker<>(context, factoryType, null) {
            @Override
            public F addingService(ServiceReference<F> reference) {
                F factory = super.addingService(reference);
                if (factory != null) {
                    added(reference, factory);
                }
                return factory;
            }

            @Override
            public void modifiedService(ServiceReference<F> reference, F service) {
                synchronized (lock) {
                    reconsider(reference);
                }
            }

            @Override
            public void removedService(ServiceReference<F> reference, F service) {
                removed(reference);
                super.removedService(reference, service);
            }
        };
    }

    void open() {
        tracker.open();
    }

    @Override
    public void close() {
        tracker.close();
        instances.clear();
    }

    HandlerKind kind() {
        return kind;
    }

    Map<String, HandlerSpec> configured() {
        return configured;
    }

    /** The plugin instance for the pair, creating and initialising it on first use. */
    P plugin(String pluginName, String channelId, Dependency... dependencies) throws HandlerUnavailableException {
        Instance<F, P> existing = instances.get(new InstanceKey(pluginName, channelId));
        if (existing != null) {
            return existing.plugin;
        }
        return instance(pluginName, channelId, dependencies).plugin;
    }

    /** Leases the pair's instance for a block, creating and initialising it on first use. */
    Lease<F, P> lease(String pluginName, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException {
        synchronized (lock) {
            return leaseOf(instance(pluginName, channelId, dependencies));
        }
    }

    /** Leases every instance the channel has now, by plugin name: a block's snapshot at its start. */
    Map<String, Lease<F, P>> leaseAll(String channelId) {
        Map<String, Lease<F, P>> leases = new HashMap<>();
        synchronized (lock) {
            instances.forEach((key, instance) -> {
                if (key.channelId().equals(channelId)) {
                    leases.put(key.pluginName(), leaseOf(instance));
                }
            });
        }
        return leases;
    }

    private Lease<F, P> leaseOf(Instance<F, P> instance) {
        Lease<F, P> lease = new Lease<>(this, instance);
        instance.leases.add(lease);
        return lease;
    }

    private Instance<F, P> instance(String pluginName, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException {
        InstanceKey key = new InstanceKey(pluginName, channelId);
        HandlerSpec spec = configured.get(pluginName);
        if (spec == null) {
            throw new HandlerUnavailableException("no " + kind.noun() + " named '" + pluginName
                    + "' in core.yaml handlers." + kind.section() + " (configured: " + configured.keySet() + ")");
        }
        // Creation is rare and init may be slow; one lock keeps two threads from initialising the same pair.
        synchronized (lock) {
            Instance<F, P> existing = instances.get(key);
            if (existing != null) {
                return existing;
            }
            List<ServiceReference<F>> candidates = candidates(pluginName, spec);
            if (candidates.isEmpty()) {
                throw new HandlerUnavailableException(unavailable(pluginName, spec, ""));
            }
            HandlerUnavailableException first = null;
            for (ServiceReference<F> candidate : candidates) {
                try {
                    Instance<F, P> created = create(candidate, pluginName, spec, channelId, dependencies);
                    instances.put(key, created);
                    return created;
                } catch (HandlerUnavailableException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            throw first;
        }
    }

    private Instance<F, P> create(ServiceReference<F> reference, String pluginName, HandlerSpec spec,
                                  String channelId, Dependency... dependencies) throws HandlerUnavailableException {
        String who = kind.noun() + " '" + pluginName + "' (" + spec.name() + ") for channel '" + channelId + "'";
        F factory = factories.get(reference);
        Bundle bundle = reference.getBundle();
        if (factory == null || bundle == null) {
            throw new HandlerUnavailableException(unavailable(pluginName, spec, "its bundle went away"));
        }
        PluginIdentity identity = new PluginIdentity(spec.name(), bundle.getSymbolicName(),
                bundle.getVersion().toString(), digests.sha256(bundle));
        try {
            P plugin = newPlugin.apply(factory);
            if (plugin == null) {
                throw new HandlerUnavailableException(who + ": the factory returned no plugin");
            }
            initializer.init(plugin, dependencies);
            return new Instance<>(plugin, reference, bundle, identity, dependencies.clone());
        } catch (PluginInitException e) {
            throw new HandlerUnavailableException(who + ": init failed: " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            // A plugin's bug must not take the peer down; it makes this handler unavailable, with the cause.
            throw new HandlerUnavailableException(who + ": plugin code failed: " + e, e);
        }
    }

    private void added(ServiceReference<F> reference, F factory) {
        synchronized (lock) {
            factories.put(reference, factory);
            reconsider(reference);
        }
    }

    /**
     * A factory is going away: channels move to whatever serves its handlers now, then this waits until the blocks
     * that hold its instances are done, so that their bundle stops only after them.
     */
    private void removed(ServiceReference<F> reference) {
        synchronized (lock) {
            factories.remove(reference);
            reconsider(reference);
            List<Lease<F, P>> holding = new ArrayList<>();
            for (Instance<F, P> instance : instances.values()) {
                if (instance.source.equals(reference)) {
                    holding.addAll(instance.leases);
                }
            }
            for (Instance<F, P> instance : retired) {
                if (instance.source.equals(reference)) {
                    holding.addAll(instance.leases);
                }
            }
            long deadline = System.nanoTime() + drainLimit.toNanos();
            while (holding.stream().anyMatch(lease -> !lease.closed)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.log(System.Logger.Level.WARNING, kind.noun() + " factory of bundle "
                            + describe(reference) + " goes away while blocks still use its instances (waited "
                            + drainLimit.toMillis() + " ms)");
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /** Re-decides, for every handler the changed factory's name serves, which instance each channel uses. */
    private void reconsider(ServiceReference<F> changed) {
        Object name = changed.getProperty(HandlerProperties.NAME);
        configured.forEach((pluginName, spec) -> {
            if (spec.name().equals(name)) {
                reconsider(pluginName, spec);
            }
        });
    }

    private void reconsider(String pluginName, HandlerSpec spec) {
        List<ServiceReference<F>> candidates = candidates(pluginName, spec);
        boolean swapped = false;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<InstanceKey, Instance<F, P>> entry : List.copyOf(instances.entrySet())) {
            if (!entry.getKey().pluginName().equals(pluginName)) {
                continue;
            }
            Instance<F, P> current = entry.getValue();
            for (ServiceReference<F> candidate : candidates) {
                if (candidate.equals(current.source)) {
                    break; // the best working choice is still the current one
                }
                try {
                    Instance<F, P> replacement = create(candidate, pluginName, spec, entry.getKey().channelId(),
                            current.dependencies);
                    instances.put(entry.getKey(), replacement);
                    if (!current.leases.isEmpty()) {
                        retired.add(current);
                    }
                    swapped = true;
                    String channelId = entry.getKey().channelId();
                    ServiceMetrics.record(context, metrics -> metrics.pluginSwapped(kind.label(), pluginName, channelId));
                    LOG.log(System.Logger.Level.INFO, handlerLabel(pluginName, spec) + " on channel '"
                            + entry.getKey().channelId() + "': now " + replacement.identity + " (was "
                            + current.identity + "); blocks already started finish on the old one");
                    break;
                } catch (HandlerUnavailableException e) {
                    failures.add(e.getMessage());
                }
            }
            if (!factories.containsKey(current.source) && instances.get(entry.getKey()) == current) {
                LOG.log(System.Logger.Level.WARNING, handlerLabel(pluginName, spec) + " on channel '"
                        + entry.getKey().channelId() + "': the factory of " + current.identity + " went away and "
                        + "nothing else can serve it yet; the channel keeps using its instance");
            }
        }
        Swaps counts = swaps.computeIfAbsent(pluginName, n -> new Swaps());
        if (swapped) {
            counts.done++;
        }
        if (!failures.isEmpty()) {
            counts.failed++;
            counts.lastFailure = "replacing " + handlerLabel(pluginName, spec) + " failed, the previous instance "
                    + "stays active: " + String.join("; ", failures);
            LOG.log(System.Logger.Level.ERROR, counts.lastFailure);
        } else if (swapped) {
            counts.lastFailure = "";
        }
    }

    /** What would serve the handler, best first: its library's factories if it has any, by OSGi's ranking. */
    private List<ServiceReference<F>> candidates(String pluginName, HandlerSpec spec) {
        List<ServiceReference<F>> named = new ArrayList<>();
        for (ServiceReference<F> reference : factories.keySet()) {
            if (spec.name().equals(reference.getProperty(HandlerProperties.NAME))) {
                named.add(reference);
            }
        }
        Optional<Bundle> library = libraryBundle.apply(pluginName);
        if (library.isPresent()) {
            List<ServiceReference<F>> fromLibrary = named.stream()
                    .filter(r -> library.get().equals(r.getBundle())).toList();
            if (!fromLibrary.isEmpty()) {
                named = new ArrayList<>(fromLibrary);
            }
        }
        // ServiceReference order: higher ranking, then older registration, is "greater" (OSGi's own choice).
        named.sort(Collections.reverseOrder());
        return named;
    }

    /** The factory service that serves the handler now, if any. */
    Optional<ServiceReference<F>> serving(String pluginName, HandlerSpec spec) {
        List<ServiceReference<F>> candidates = candidates(pluginName, spec);
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /**
     * The identity of what serves the handler: the instance channels use now (the first channel's, by name), or
     * else the factory a first request would use.
     */
    Optional<PluginIdentity> identity(String pluginName) {
        Optional<PluginIdentity> active = activeIdentity(pluginName);
        if (active.isPresent()) {
            return active;
        }
        HandlerSpec spec = configured.get(pluginName);
        return spec == null ? Optional.empty() : serving(pluginName, spec).flatMap(reference -> {
            Bundle bundle = reference.getBundle();
            return bundle == null ? Optional.empty() : Optional.of(new PluginIdentity(spec.name(),
                    bundle.getSymbolicName(), bundle.getVersion().toString(), digests.sha256(bundle)));
        });
    }

    /** The identity of the instance channels use now (the first channel's, by name), if any channel has one. */
    Optional<PluginIdentity> activeIdentity(String pluginName) {
        return instances.entrySet().stream()
                .filter(e -> e.getKey().pluginName().equals(pluginName))
                .min(Comparator.comparing(e -> e.getKey().channelId()))
                .map(e -> e.getValue().identity);
    }

    /**
     * The bundle whose instances channels still use although it no longer registers the factory they came from
     * (stopped, or updated to a revision that does not resolve or start); empty when every instance of the handler
     * comes from a registered factory.
     */
    Optional<Bundle> orphanedBundle(String pluginName) {
        return instances.entrySet().stream()
                .filter(e -> e.getKey().pluginName().equals(pluginName) && !factories.containsKey(e.getValue().source))
                .map(e -> e.getValue().bundle)
                .findFirst();
    }

    SwapStatus swapStatus(String pluginName) {
        synchronized (lock) {
            Swaps counts = swaps.getOrDefault(pluginName, new Swaps());
            return new SwapStatus(kind.label(), pluginName, counts.done, counts.failed, counts.lastFailure);
        }
    }

    /** Why nothing serves the handler, for a handler whose library (if any) installed fine. */
    String unavailable(String pluginName, HandlerSpec spec, String detail) {
        String prefix = handlerLabel(pluginName, spec) + ": ";
        if (!detail.isEmpty()) {
            return prefix + detail;
        }
        Optional<Bundle> library = libraryBundle.apply(pluginName);
        if (library.isPresent()) {
            Bundle bundle = library.get();
            return prefix + "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " from its library "
                    + "registers no " + kind.noun() + " named '" + spec.name() + "' (it registers: "
                    + namesFrom(bundle) + ")";
        }
        return prefix + "unknown handler name '" + spec.name() + "': no installed bundle registers " + kind.aNoun()
                + " with that name (available: " + availableNames() + ")";
    }

    String handlerLabel(String pluginName, HandlerSpec spec) {
        return "handler " + kind.section() + "." + pluginName + " (name " + spec.name() + ")";
    }

    private static String describe(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? "(gone)" : bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    private TreeSet<String> availableNames() {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceReference<F> reference : factories.keySet()) {
            Object name = reference.getProperty(HandlerProperties.NAME);
            if (name != null) {
                names.add(name.toString());
            }
        }
        return names;
    }

    private TreeSet<String> namesFrom(Bundle bundle) {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceReference<F> reference : factories.keySet()) {
            Object name = reference.getProperty(HandlerProperties.NAME);
            if (name != null && bundle.equals(reference.getBundle())) {
                names.add(name.toString());
            }
        }
        return names;
    }
}
