package weft.api.plugin;

/**
 * Service properties with which a plugin bundle publishes its factory, so that {@code core.yaml} can name it.
 *
 * <p>A {@code core.yaml} entry such as {@code escc: { name: DefaultEndorsement }} is served by the factory
 * service whose {@link #NAME} property equals {@code DefaultEndorsement}:
 * <pre>{@code
 * @Component(property = HandlerProperties.NAME + "=DefaultEndorsement")
 * public final class DefaultEndorsementFactory implements EndorsementPluginFactory { ... }
 * }</pre>
 */
public final class HandlerProperties {

    /** The handler name that {@code core.yaml}'s {@code name:} field selects. */
    public static final String NAME = "weft.handler.name";

    private HandlerProperties() {
    }
}
