package weft.runtime.handlers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.launcher.spi.HandlerStatus;

/**
 * Hands out the plugin instances that serve {@code core.yaml}'s handlers. The first request for a
 * (plugin name, channel) pair creates an instance from the factory that serves the handler and calls its
 * {@code init} with the given dependencies; later requests for the pair return the same instance until another
 * bundle comes to serve the handler. The committer uses {@link #validationSnapshot} so that a replacement takes
 * effect only between blocks.
 */
public interface HandlerRegistry {

    /**
     * The endorsement plugin configured under {@code pluginName} (e.g. {@code escc}) for {@code channelId}.
     *
     * @param dependencies passed to {@code init} when the instance is created; ignored afterwards
     * @throws HandlerUnavailableException when no such plugin is configured, nothing serves it, or its
     *                                     {@code init} fails
     */
    EndorsementPlugin endorsementPlugin(String pluginName, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException;

    /**
     * The validation plugin configured under {@code pluginName} (e.g. {@code vscc}) for {@code channelId}.
     *
     * @param dependencies passed to {@code init} when the instance is created; ignored afterwards
     * @throws HandlerUnavailableException when no such plugin is configured, nothing serves it, or its
     *                                     {@code init} fails
     */
    ValidationPlugin validationPlugin(String pluginName, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException;

    /** Every configured handler and what serves it now, in configuration order. */
    List<HandlerStatus> statuses();

    /**
     * The validation plugins for one block of {@code channelId}: see {@link ValidationSnapshot}. This default
     * serves {@link #validationPlugin} per name, once per snapshot, without identities or leases.
     *
     * @param dependencies passed to {@code init} of instances created for the snapshot
     */
    default ValidationSnapshot validationSnapshot(String channelId, Dependency... dependencies) {
        Map<String, ServedPlugin<ValidationPlugin>> used = new HashMap<>();
        return new ValidationSnapshot() {
            @Override
            public synchronized ServedPlugin<ValidationPlugin> validationPlugin(String pluginName)
                    throws HandlerUnavailableException {
                ServedPlugin<ValidationPlugin> served = used.get(pluginName);
                if (served == null) {
                    served = new ServedPlugin<>(HandlerRegistry.this.validationPlugin(pluginName, channelId,
                            dependencies), Optional.empty());
                    used.put(pluginName, served);
                }
                return served;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The identity of the code serving the validation plugin {@code pluginName} now (the instance channels use, or
     * else the factory that would serve a first request), for recording a pin; empty when nothing serves it.
     */
    default Optional<PluginIdentity> validationPluginIdentity(String pluginName) {
        return Optional.empty();
    }

    /** As {@link #validationPluginIdentity}, for the endorsement plugin {@code pluginName}. */
    default Optional<PluginIdentity> endorsementPluginIdentity(String pluginName) {
        return Optional.empty();
    }

    /** Per endorsement and validation handler, how replacing its implementation has gone; see {@link SwapStatus}. */
    default List<SwapStatus> swapStatuses() {
        return List.of();
    }
}
