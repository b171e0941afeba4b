package weft.runtime.committer;

import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;

/**
 * The validation plugin a channel uses under a plugin name ({@code vscc}, …); the peer backs it with its handler
 * registry, which creates one instance per channel and initialises it with {@code dependencies}.
 */
@FunctionalInterface
public interface ValidationPlugins {

    /** @throws Exception naming why the plugin is not available; the block then cannot be validated */
    ValidationPlugin plugin(String name, Dependency... dependencies) throws Exception;
}
