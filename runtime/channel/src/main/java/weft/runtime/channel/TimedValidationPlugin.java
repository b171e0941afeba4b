package weft.runtime.channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.common.Block;
import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;
import weft.api.validation.ContextDatum;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.InvalidTransactionException;
import weft.api.validation.ValidationPlugin;
import weft.runtime.committer.ValidationPlugins;
import weft.runtime.handlers.HandlerUnavailableException;
import weft.runtime.handlers.ServedPlugin;
import weft.runtime.handlers.ValidationSnapshot;
import weft.runtime.metrics.PeerMetrics;

/**
 * A channel's validation plugin as the committer sees it: the registry's instance, with each verdict's time and
 * outcome recorded for the plugin's metrics. Without a metrics service the plugin itself is used.
 */
final class TimedValidationPlugin implements ValidationPlugin {

    private final ValidationPlugin plugin;
    private final String channelId;
    private final String pluginName;
    private final PeerMetrics metrics;

    private TimedValidationPlugin(ValidationPlugin plugin, String channelId, String pluginName, PeerMetrics metrics) {
        this.plugin = plugin;
        this.channelId = channelId;
        this.pluginName = pluginName;
        this.metrics = metrics;
    }

    static ValidationPlugin of(ValidationPlugin plugin, String channelId, String pluginName, PeerMetrics metrics) {
        return metrics == PeerMetrics.NONE ? plugin : new TimedValidationPlugin(plugin, channelId, pluginName, metrics);
    }

    /** A channel's plugins whose every per-block instance is timed; identities (for pinning) pass through. */
    static ValidationPlugins plugins(ValidationPlugins plugins, String channelId, PeerMetrics metrics) {
        return new ValidationPlugins() {
            @Override
            public ValidationPlugin plugin(String name, Dependency... dependencies) throws Exception {
                return of(plugins.plugin(name, dependencies), channelId, name, metrics);
            }

            @Override
            public ValidationSnapshot forBlock(Dependency... dependencies) {
                ValidationSnapshot snapshot = plugins.forBlock(dependencies);
                // One timed wrapper per plugin and block, not one per transaction.
                Map<String, ServedPlugin<ValidationPlugin>> timed = new ConcurrentHashMap<>();
                return new ValidationSnapshot() {
                    @Override
                    public ServedPlugin<ValidationPlugin> validationPlugin(String pluginName)
                            throws HandlerUnavailableException {
                        ServedPlugin<ValidationPlugin> wrapped = timed.get(pluginName);
                        if (wrapped == null) {
                            ServedPlugin<ValidationPlugin> served = snapshot.validationPlugin(pluginName);
                            wrapped = new ServedPlugin<>(of(served.plugin(), channelId, pluginName, metrics),
                                    served.identity());
                            ServedPlugin<ValidationPlugin> raced = timed.putIfAbsent(pluginName, wrapped);
                            wrapped = raced != null ? raced : wrapped;
                        }
                        return wrapped;
                    }

                    @Override
                    public void close() {
                        snapshot.close();
                    }
                };
            }
        };
    }

    @Override
    public void init(Dependency... dependencies) throws PluginInitException {
        plugin.init(dependencies);
    }

    @Override
    public void validate(Block block, String namespace, int txPosition, int actionPosition, ContextDatum... contextData)
            throws InvalidTransactionException, ExecutionFailureException {
        long start = System.nanoTime();
        boolean valid = false;
        try {
            plugin.validate(block, namespace, txPosition, actionPosition, contextData);
            valid = true;
        } finally {
            metrics.validationPluginCall(channelId, pluginName, System.nanoTime() - start, valid);
        }
    }
}
