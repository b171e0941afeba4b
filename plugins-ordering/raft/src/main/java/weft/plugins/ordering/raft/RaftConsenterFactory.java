package weft.plugins.ordering.raft;

import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import weft.api.ordering.ChainSupport;
import weft.api.ordering.Cluster;
import weft.api.ordering.Consenter;
import weft.api.ordering.ConsenterFactory;
import weft.api.ordering.ConsenterStorage;
import weft.api.plugin.Dependencies;
import weft.api.plugin.Dependency;
import weft.api.plugin.HandlerProperties;
import weft.api.plugin.PluginInitException;

/**
 * Publishes the Raft consenter under the consensus type {@code raft}. It needs the channel's
 * {@link ChainSupport}, the {@link Cluster} of ordering nodes and a {@link ConsenterStorage} for the Raft log.
 */
@Component(service = ConsenterFactory.class, property = HandlerProperties.NAME + "=" + ConsenterFactory.RAFT)
public final class RaftConsenterFactory implements ConsenterFactory {

    private final RaftSettings settings;

    public RaftConsenterFactory() {
        this(RaftSettings.DEFAULT);
    }

    RaftConsenterFactory(RaftSettings settings) {
        this.settings = settings;
    }

    @Override
    public Consenter newConsenter(Dependency... dependencies) throws PluginInitException {
        ChainSupport support = Dependencies.require(ChainSupport.class, dependencies);
        Cluster cluster = Dependencies.require(Cluster.class, dependencies);
        ConsenterStorage storage = Dependencies.require(ConsenterStorage.class, dependencies);
        try {
            return new RaftConsenter(support, cluster, storage, settings);
        } catch (IOException | RuntimeException e) {
            throw new PluginInitException("channel " + support.channelId() + ": the Raft node " + cluster.self()
                    + " cannot start: " + e.getMessage(), e);
        }
    }
}
