package weft.api.validation;

/**
 * Creates validation plugins; published by a plugin bundle as an OSGi service with the
 * {@link weft.api.plugin.HandlerProperties#NAME} property that {@code core.yaml} refers to.
 * <pre>{@code
 * @Component(property = HandlerProperties.NAME + "=UtxoValidation")
 * public final class UtxoValidationFactory implements ValidationPluginFactory {
 *     public ValidationPlugin newPlugin() { return new UtxoValidation(); }
 * }
 * }</pre>
 */
public interface ValidationPluginFactory {

    /** A new, uninitialised plugin; the peer creates one per channel and calls {@code init} on it once. */
    ValidationPlugin newPlugin();
}
