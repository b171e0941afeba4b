package weft.runtime.handlers;

import java.util.Objects;
import java.util.Optional;

/**
 * A plugin instance and the identity of the code it runs, as a {@link ValidationSnapshot} hands it out.
 *
 * @param identity empty where the registry cannot tell (test registries); a pinned definition then never matches
 */
public record ServedPlugin<P>(P plugin, Optional<PluginIdentity> identity) {

    public ServedPlugin {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(identity, "identity");
    }
}
