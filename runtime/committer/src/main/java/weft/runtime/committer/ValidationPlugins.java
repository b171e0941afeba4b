package weft.runtime.committer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.HandlerUnavailableException;
import weft.runtime.handlers.ServedPlugin;
import weft.runtime.handlers.ValidationSnapshot;

/**
 * The validation plugin a channel uses under a plugin name ({@code vscc}, …); the peer backs it with its handler
 * registry, which creates one instance per channel and initialises it with {@code dependencies}. The committer
 * validates each block with one {@link #forBlock snapshot}, so that a plugin swapped meanwhile takes effect at the
 * next block.
 */
@FunctionalInterface
public interface ValidationPlugins {

    /** @throws Exception naming why the plugin is not available; the block then cannot be validated */
    ValidationPlugin plugin(String name, Dependency... dependencies) throws Exception;

    /**
     * The plugins one block is validated with; closed when the block's verdicts are in. This default asks
     * {@link #plugin} once per name and knows no identities (so a pinned definition never validates).
     */
    default ValidationSnapshot forBlock(Dependency... dependencies) {
        Map<String, ServedPlugin<ValidationPlugin>> used = new HashMap<>();
        return new ValidationSnapshot() {
            @Override
            public synchronized ServedPlugin<ValidationPlugin> validationPlugin(String pluginName)
                    throws HandlerUnavailableException {
                ServedPlugin<ValidationPlugin> served = used.get(pluginName);
                if (served == null) {
                    try {
                        served = new ServedPlugin<>(plugin(pluginName, dependencies), Optional.empty());
                    } catch (HandlerUnavailableException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new HandlerUnavailableException(e.getMessage(), e);
                    }
                    used.put(pluginName, served);
                }
                return served;
            }

            @Override
            public void close() {
            }
        };
    }

    /** A channel's plugins from the peer's handler registry, with its per-block snapshots. */
    static ValidationPlugins of(HandlerRegistry registry, String channelId) {
        return new ValidationPlugins() {
            @Override
            public ValidationPlugin plugin(String name, Dependency... dependencies) throws Exception {
                return registry.validationPlugin(name, channelId, dependencies);
            }

            @Override
            public ValidationSnapshot forBlock(Dependency... dependencies) {
                return registry.validationSnapshot(channelId, dependencies);
            }
        };
    }
}
