package weft.api.plugin;

import java.util.Optional;

/**
 * Picks a dependency of a given type out of those passed to a plugin's {@code init}.
 * <pre>{@code
 * public void init(Dependency... dependencies) throws PluginInitException {
 *     this.signer = Dependencies.require(SigningIdentityFetcher.class, dependencies);
 * }
 * }</pre>
 */
public final class Dependencies {

    private Dependencies() {
    }

    /** The first dependency that is an instance of {@code type}, if any. */
    public static <T> Optional<T> find(Class<T> type, Dependency... dependencies) {
        if (dependencies != null) {
            for (Dependency dependency : dependencies) {
                if (type.isInstance(dependency)) {
                    return Optional.of(type.cast(dependency));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first dependency that is an instance of {@code type}.
     *
     * @throws PluginInitException naming the missing type when there is none
     */
    public static <T> T require(Class<T> type, Dependency... dependencies) throws PluginInitException {
        return find(type, dependencies).orElseThrow(
                () -> new PluginInitException("the peer passed no " + type.getSimpleName() + " to init"));
    }
}
