package weft.runtime.handlers.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import weft.runtime.metrics.ServiceMetrics;

/**
 * Binds the handlers of one kind (endorsers or validators) to the factory services that plugin bundles
 * register, and keeps one initialised plugin instance per (plugin name, channel). When a factory service goes
 * away its instances are dropped, so the next request is served by whatever serves the handler then.
 *
 * @param <F> the factory service type
 * @param <P> the plugin type
 */
final class PluginBinding<F, P> implements AutoCloseable {

    /** Calls a plugin's {@code init}; the two plugin types share the signature but not an interface. */
    @FunctionalInterface
    interface Initializer<P> {
        void init(P plugin, Dependency... dependencies) throws PluginInitException;
    }

    private record InstanceKey(String pluginName, String channelId) {
    }

    private record Instance<F, P>(P plugin, ServiceReference<F> source) {
    }

    private final HandlerKind kind;
    private final Map<String, HandlerSpec> configured;
    private final Function<String, Optional<Bundle>> libraryBundle;
    private final Function<F, P> newPlugin;
    private final Initializer<P> initializer;
    private final ServiceTracker<F, F> factories;
    private final Map<InstanceKey, Instance<F, P>> instances = new ConcurrentHashMap<>();
    // Which factory served a pair before its instance was dropped: a new instance from another one is a swap.
    private final Map<InstanceKey, ServiceReference<F>> dropped = new ConcurrentHashMap<>();
    private final BundleContext context;
    private final Object creationLock = new Object();

    /**
     * @param libraryBundle the bundle installed from a handler's {@code library}, by handler name; its factory is
     *                      preferred over others of the same name
     */
    PluginBinding(BundleContext context, Class<F> factoryType, HandlerKind kind, Map<String, HandlerSpec> configured,
                  Function<String, Optional<Bundle>> libraryBundle, Function<F, P> newPlugin,
                  Initializer<P> initializer) {
        this.context = context;
        this.kind = kind;
        this.configured = configured;
        this.libraryBundle = libraryBundle;
        this.newPlugin = newPlugin;
        this.initializer = initializer;
        this.factories = new ServiceTracker<>(context, factoryType, null) {
            @Override
            public void modifiedService(ServiceReference<F> reference, F service) {
                evictInstancesFrom(reference);
            }

            @Override
            public void removedService(ServiceReference<F> reference, F service) {
                evictInstancesFrom(reference);
                super.removedService(reference, service);
            }
        };
    }

    void open() {
        factories.open();
    }

    @Override
    public void close() {
        factories.close();
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
        InstanceKey key = new InstanceKey(pluginName, channelId);
        Instance<F, P> existing = instances.get(key);
        if (existing != null) {
            return existing.plugin();
        }
        HandlerSpec spec = configured.get(pluginName);
        if (spec == null) {
            throw new HandlerUnavailableException("no " + kind.noun() + " named '" + pluginName
                    + "' in core.yaml handlers." + kind.section() + " (configured: " + configured.keySet() + ")");
        }
        // Creation is rare and init may be slow; one lock keeps two threads from initialising the same pair.
        synchronized (creationLock) {
            existing = instances.get(key);
            if (existing != null) {
                return existing.plugin();
            }
            ServiceReference<F> reference = serving(pluginName, spec)
                    .orElseThrow(() -> new HandlerUnavailableException(unavailable(pluginName, spec, "")));
            F factory = factories.getService(reference);
            if (factory == null) {
                throw new HandlerUnavailableException(unavailable(pluginName, spec, "its bundle went away"));
            }
            P plugin = create(factory, pluginName, spec, channelId, dependencies);
            instances.put(key, new Instance<>(plugin, reference));
            ServiceReference<F> before = dropped.remove(key);
            if (before != null && !before.equals(reference)) {
                ServiceMetrics.record(context, metrics -> metrics.pluginSwapped(kind.label(), pluginName, channelId));
            }
            return plugin;
        }
    }

    private P create(F factory, String pluginName, HandlerSpec spec, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException {
        String who = kind.noun() + " '" + pluginName + "' (" + spec.name() + ") for channel '" + channelId + "'";
        try {
            P plugin = newPlugin.apply(factory);
            if (plugin == null) {
                throw new HandlerUnavailableException(who + ": the factory returned no plugin");
            }
            initializer.init(plugin, dependencies);
            return plugin;
        } catch (PluginInitException e) {
            throw new HandlerUnavailableException(who + ": init failed: " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            // A plugin's bug must not take the peer down; it makes this handler unavailable, with the cause.
            throw new HandlerUnavailableException(who + ": plugin code failed: " + e, e);
        }
    }

    /** The factory service that serves the handler now, if any. */
    Optional<ServiceReference<F>> serving(String pluginName, HandlerSpec spec) {
        List<ServiceReference<F>> named = new ArrayList<>();
        for (ServiceReference<F> reference : references()) {
            if (spec.name().equals(reference.getProperty(HandlerProperties.NAME))) {
                named.add(reference);
            }
        }
        Optional<Bundle> library = libraryBundle.apply(pluginName);
        if (library.isPresent()) {
            List<ServiceReference<F>> fromLibrary = named.stream()
                    .filter(r -> library.get().equals(r.getBundle())).toList();
            if (!fromLibrary.isEmpty()) {
                named = fromLibrary;
            }
        }
        // ServiceReference order: higher ranking, then older registration, is "greater" (OSGi's own choice).
        return named.isEmpty() ? Optional.empty() : Optional.of(Collections.max(named));
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

    private TreeSet<String> availableNames() {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceReference<F> reference : references()) {
            Object name = reference.getProperty(HandlerProperties.NAME);
            if (name != null) {
                names.add(name.toString());
            }
        }
        return names;
    }

    private TreeSet<String> namesFrom(Bundle bundle) {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceReference<F> reference : references()) {
            Object name = reference.getProperty(HandlerProperties.NAME);
            if (name != null && bundle.equals(reference.getBundle())) {
                names.add(name.toString());
            }
        }
        return names;
    }

    private List<ServiceReference<F>> references() {
        ServiceReference<F>[] references = factories.getServiceReferences();
        return references == null ? List.of() : List.of(references);
    }

    private void evictInstancesFrom(ServiceReference<F> reference) {
        instances.entrySet().removeIf(entry -> {
            if (!entry.getValue().source().equals(reference)) {
                return false;
            }
            dropped.put(entry.getKey(), reference);
            return true;
        });
    }
}
