package weft.runtime.config;

import java.util.List;

/**
 * The auth filters and decorators that Fabric builds into its peer; Weft accepts the same names so that
 * Fabric's {@code handlers} section is valid verbatim. They are part of the peer, not plugins.
 */
public final class BuiltInHandlers {

    /** Fabric's proposal auth filters ({@code TimeWindowCheck} arrived after v2.4). */
    public static final List<String> AUTH_FILTERS = List.of("DefaultAuth", "ExpirationCheck", "TimeWindowCheck");

    /** Fabric's chaincode-input decorators. */
    public static final List<String> DECORATORS = List.of("DefaultDecorator");

    private BuiltInHandlers() {
    }
}
