package weft.plugins.utxo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import weft.api.plugin.HandlerProperties;
import weft.api.validation.ValidationPlugin;
import weft.api.validation.ValidationPluginFactory;

/**
 * Publishes {@link UtxoValidation} under the handler name core.yaml uses for it: {@code UtxoValidation}. The mint
 * rule's minter MSP is the component property {@code minterMspId} ({@code Org1MSP} unless configured, e.g. by
 * ConfigAdmin for PID {@code weft.plugins.utxo.UtxoValidationFactory}); it must equal the chaincode's.
 */
@Component(property = HandlerProperties.NAME + "=" + UtxoValidationFactory.HANDLER_NAME)
public final class UtxoValidationFactory implements ValidationPluginFactory {

    /** The name in core.yaml: {@code utxo: { name: UtxoValidation }}. */
    public static final String HANDLER_NAME = "UtxoValidation";

    /** The component's configuration. */
    public @interface Config {
        /** The MSP whose clients may mint (create outputs without inputs). */
        String minterMspId() default "Org1MSP";
    }

    private final String minterMspId;

    @Activate
    public UtxoValidationFactory(Config config) {
        this(config.minterMspId());
    }

    public UtxoValidationFactory(String minterMspId) {
        if (minterMspId == null || minterMspId.isEmpty()) {
            throw new IllegalArgumentException("minter MSP id must not be empty");
        }
        this.minterMspId = minterMspId;
    }

    @Override
    public ValidationPlugin newPlugin() {
        return new UtxoValidation(minterMspId);
    }
}
