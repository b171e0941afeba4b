package weft.runtime.channel.internal;

import java.util.List;
import java.util.Optional;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.launcher.spi.HandlerStatus;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.HandlerUnavailableException;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.handlers.SwapStatus;
import weft.runtime.handlers.ValidationSnapshot;

/**
 * The handler registry as a further peer of this process sees it (the development network's other
 * organisations): the registry keeps one plugin instance per channel, initialised with that channel's
 * dependencies — the peer's signing identity, its ledger — so each further peer asks under its own key
 * ({@code <channel>@<mspId>}) and gets instances of its own.
 */
record PeerScopedHandlers(HandlerRegistry registry, String mspId) implements HandlerRegistry {

    private String scoped(String channelId) {
        return channelId + "@" + mspId;
    }

    @Override
    public EndorsementPlugin endorsementPlugin(String pluginName, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException {
        return registry.endorsementPlugin(pluginName, scoped(channelId), dependencies);
    }

    @Override
    public ValidationPlugin validationPlugin(String pluginName, String channelId, Dependency... dependencies)
            throws HandlerUnavailableException {
        return registry.validationPlugin(pluginName, scoped(channelId), dependencies);
    }

    @Override
    public List<HandlerStatus> statuses() {
        return registry.statuses();
    }

    @Override
    public ValidationSnapshot validationSnapshot(String channelId, Dependency... dependencies) {
        return registry.validationSnapshot(scoped(channelId), dependencies);
    }

    @Override
    public Optional<PluginIdentity> validationPluginIdentity(String pluginName) {
        return registry.validationPluginIdentity(pluginName);
    }

    @Override
    public Optional<PluginIdentity> endorsementPluginIdentity(String pluginName) {
        return registry.endorsementPluginIdentity(pluginName);
    }

    @Override
    public List<SwapStatus> swapStatuses() {
        return registry.swapStatuses();
    }
}
