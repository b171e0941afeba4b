package weft.runtime.endorser;

import java.util.Optional;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.plugin.Dependency;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.PluginIdentity;

/**
 * The endorsement plugin configured under a plugin name ({@code escc}, ...) for a channel; the peer backs it
 * with its handler registry, which creates one instance per channel and initialises it with the dependencies.
 */
@FunctionalInterface
public interface EndorsementPlugins {

    /** @throws Exception naming why the plugin is not available; the proposal then fails */
    EndorsementPlugin plugin(String pluginName, String channelId, Dependency... dependencies) throws Exception;

    /**
     * The identity of the code serving {@code pluginName}, to check a definition's pin against; empty when it is
     * unknown (a pinned definition is then not endorsed).
     */
    default Optional<PluginIdentity> identity(String pluginName) {
        return Optional.empty();
    }

    /** The plugins of the peer's handler registry ({@code core.yaml}'s {@code peer.handlers.endorsers}). */
    static EndorsementPlugins of(HandlerRegistry registry) {
        return new EndorsementPlugins() {
            @Override
            public EndorsementPlugin plugin(String pluginName, String channelId, Dependency... dependencies)
                    throws Exception {
                return registry.endorsementPlugin(pluginName, channelId, dependencies);
            }

            @Override
            public Optional<PluginIdentity> identity(String pluginName) {
                return registry.endorsementPluginIdentity(pluginName);
            }
        };
    }
}
