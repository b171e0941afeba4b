package weft.api.endorsement;

/**
 * Creates endorsement plugins; published by a plugin bundle as an OSGi service with the
 * {@link weft.api.plugin.HandlerProperties#NAME} property that {@code core.yaml} refers to.
 * <pre>{@code
 * @Component(property = HandlerProperties.NAME + "=DefaultEndorsement")
 * public final class DefaultEndorsementFactory implements EndorsementPluginFactory {
 *     public EndorsementPlugin newPlugin() { return new DefaultEndorsement(); }
 * }
 * }</pre>
 */
public interface EndorsementPluginFactory {

    /** A new, uninitialised plugin; the peer creates one per channel and calls {@code init} on it once. */
    EndorsementPlugin newPlugin();
}
