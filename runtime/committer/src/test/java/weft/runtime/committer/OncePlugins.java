package weft.runtime.committer;

import java.util.concurrent.atomic.AtomicBoolean;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;

/** Serves one plugin instance under every name, initialised on first use, as the registry does per channel. */
public final class OncePlugins implements ValidationPlugins {

    private final ValidationPlugin plugin;
    private final AtomicBoolean initialised = new AtomicBoolean();

    public OncePlugins(ValidationPlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public ValidationPlugin plugin(String name, Dependency... dependencies) throws Exception {
        synchronized (initialised) {
            if (!initialised.get()) {
                plugin.init(dependencies);
                initialised.set(true);
            }
        }
        return plugin;
    }
}
