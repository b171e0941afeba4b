package weft.plugins.ordering.solo;

import org.osgi.service.component.annotations.Component;
import weft.api.ordering.ChainSupport;
import weft.api.ordering.Consenter;
import weft.api.ordering.ConsenterFactory;
import weft.api.plugin.Dependencies;
import weft.api.plugin.Dependency;
import weft.api.plugin.HandlerProperties;
import weft.api.plugin.PluginInitException;

/** Publishes the solo consenter under the consensus type {@code solo}. */
@Component(service = ConsenterFactory.class, property = HandlerProperties.NAME + "=" + ConsenterFactory.SOLO)
public final class SoloConsenterFactory implements ConsenterFactory {

    @Override
    public Consenter newConsenter(Dependency... dependencies) throws PluginInitException {
        return new SoloConsenter(Dependencies.require(ChainSupport.class, dependencies));
    }
}
