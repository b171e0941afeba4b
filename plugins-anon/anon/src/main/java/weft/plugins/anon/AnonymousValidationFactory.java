package weft.plugins.anon;

import org.osgi.service.component.annotations.Component;
import weft.api.plugin.HandlerProperties;
import weft.api.validation.ValidationPlugin;
import weft.api.validation.ValidationPluginFactory;

/** Publishes {@link AnonymousValidation} under the handler name {@code AnonymousValidation}. */
@Component(property = HandlerProperties.NAME + "=" + AnonymousValidationFactory.HANDLER_NAME)
public final class AnonymousValidationFactory implements ValidationPluginFactory {

    /** The name in core.yaml: {@code anon: { name: AnonymousValidation }}. */
    public static final String HANDLER_NAME = "AnonymousValidation";

    @Override
    public ValidationPlugin newPlugin() {
        return new AnonymousValidation();
    }
}
