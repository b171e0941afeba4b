package weft.launcher.spi;

import java.util.Objects;

/**
 * One configured handler and what serves it.
 *
 * @param kind          {@code endorser}, {@code validator}, {@code authFilter} or {@code decorator}
 * @param pluginName    the key under which core.yaml lists it ({@code escc}, {@code vscc}, …), or its position
 *                      for the ordered lists of auth filters and decorators
 * @param handlerName   core.yaml's {@code name}
 * @param bundle        symbolic name of the bundle that serves it, empty if none does
 * @param bundleVersion that bundle's version, empty if none
 * @param state         whether it is usable
 * @param problem       why it is not usable (naming the handler, the bundle and the cause), empty if it is
 */
public record HandlerStatus(String kind, String pluginName, String handlerName, String bundle,
                            String bundleVersion, State state, String problem) {

    /** Whether a handler can serve requests. */
    public enum State {
        /** A plugin bundle's factory serves it. */
        ACTIVE,
        /** Built into the peer, not a plugin. */
        BUILT_IN,
        /** Nothing serves it; {@link HandlerStatus#problem()} says why. */
        FAILED
    }

    public HandlerStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(handlerName, "handlerName");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(problem, "problem");
    }
}
