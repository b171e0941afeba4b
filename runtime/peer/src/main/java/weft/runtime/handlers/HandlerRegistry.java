package weft.runtime.handlers;

import java.util.List;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.launcher.spi.HandlerStatus;

/**
 * Hands out the plugin instances that serve {@code core.yaml}'s handlers. The first request for a
 * (plugin name, channel) pair creates an instance from the factory that serves the handler and calls its
 * {@code init} with the given dependencies; later requests for the pair return the same instance until the
 * serving bundle goes away.
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
}
