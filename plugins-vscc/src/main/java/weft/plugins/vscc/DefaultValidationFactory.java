package weft.plugins.vscc;

import org.osgi.service.component.annotations.Component;
import weft.api.plugin.HandlerProperties;
import weft.api.validation.ValidationPlugin;
import weft.api.validation.ValidationPluginFactory;

/** Publishes {@link DefaultValidation} under the handler name core.yaml uses for it: {@code DefaultValidation}. */
@Component(property = HandlerProperties.NAME + "=" + DefaultValidationFactory.HANDLER_NAME)
public final class DefaultValidationFactory implements ValidationPluginFactory {

    /** The name in core.yaml: {@code vscc: { name: DefaultValidation }}. */
    public static final String HANDLER_NAME = "DefaultValidation";

    @Override
    public ValidationPlugin newPlugin() {
        return new DefaultValidation();
    }
}
