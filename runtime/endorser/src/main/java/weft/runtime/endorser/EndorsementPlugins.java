package weft.runtime.endorser;

import weft.api.endorsement.EndorsementPlugin;
import weft.api.plugin.Dependency;
import weft.runtime.handlers.HandlerRegistry;

/**
 * The endorsement plugin configured under a plugin name ({@code escc}, ...) for a channel; the peer backs it
 * with its handler registry, which creates one instance per channel and initialises it with the dependencies.
 */
@FunctionalInterface
public interface EndorsementPlugins {

    /** @throws Exception naming why the plugin is not available; the proposal then fails */
    EndorsementPlugin plugin(String pluginName, String channelId, Dependency... dependencies) throws Exception;

    /** The plugins of the peer's handler registry ({@code core.yaml}'s {@code peer.handlers.endorsers}). */
    static EndorsementPlugins of(HandlerRegistry registry) {
        return registry::endorsementPlugin;
    }
}
