package weft.runtime.handlers;

import java.util.Objects;
import java.util.Optional;

/**
 * A plugin as a chaincode definition names it: the plugin name ({@code vscc}, {@code escc}, a {@code core.yaml}
 * key), optionally pinned to one {@link PluginIdentity}. The definition's plugin string carries the pin, so that
 * it travels through Fabric's own lifecycle messages unchanged and unpinned definitions stay byte-identical:
 * <pre>{@code
 * vscc                                                            unpinned
 * vscc@DefaultValidation/weft.plugins.vscc/0.1.0#sha256:9f86d0... pinned
 * }</pre>
 * A Fabric peer reads a pinned definition as naming a plugin it does not have, which Fabric treats as an
 * execution failure: it stops rather than validates with code the definition did not agree on.
 *
 * @param pluginName the handler key the definition names
 * @param pin        the identity the plugin must have, if pinned
 */
public record PluginReference(String pluginName, Optional<PluginIdentity> pin) {

    public PluginReference {
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(pin, "pin");
    }

    public static PluginReference unpinned(String pluginName) {
        return new PluginReference(pluginName, Optional.empty());
    }

    public static PluginReference pinned(String pluginName, PluginIdentity identity) {
        return new PluginReference(pluginName, Optional.of(identity));
    }

    /**
     * Reads a definition's plugin string; anything with an {@code @} is a pin.
     *
     * @throws IllegalArgumentException when the text has an {@code @} but not a well-formed pin after it
     */
    public static PluginReference parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return unpinned(text);
        }
        if (at == 0) {
            throw new IllegalArgumentException("plugin '" + text + "' has a pin but no plugin name before the '@'");
        }
        return pinned(text.substring(0, at), PluginIdentity.parsePin(text.substring(at + 1)));
    }

    /** The text a chaincode definition records. */
    public String text() {
        return pin.map(identity -> pluginName + "@" + identity.pinText()).orElse(pluginName);
    }
}
