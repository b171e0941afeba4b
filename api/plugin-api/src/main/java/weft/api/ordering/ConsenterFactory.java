package weft.api.ordering;

import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;

/**
 * Creates the consenter of one channel; published by a consenter bundle as an OSGi service whose
 * {@link weft.api.plugin.HandlerProperties#NAME} property is the channel's consensus type.
 * <pre>{@code
 * @Component(property = HandlerProperties.NAME + "=" + ConsenterFactory.SOLO)
 * public final class SoloConsenterFactory implements ConsenterFactory {
 *     public Consenter newConsenter(Dependency... dependencies) throws PluginInitException {
 *         return new SoloConsenter(Dependencies.require(ChainSupport.class, dependencies));
 *     }
 * }
 * }</pre>
 */
public interface ConsenterFactory {

    /** The consensus type of a single ordering node (Fabric's {@code solo}). */
    String SOLO = "solo";

    /** The consensus type of a Raft cluster of ordering nodes (Weft's, on Apache Ratis). */
    String RAFT = "raft";

    /**
     * A started consenter for the channel of the {@link ChainSupport} among {@code dependencies}. It resumes
     * from the blocks that support already holds; consenters that keep state of their own also need a
     * {@link ConsenterStorage}, and those with several nodes a {@link Cluster}.
     *
     * @throws PluginInitException when a dependency it needs is missing or its own state cannot be opened
     */
    Consenter newConsenter(Dependency... dependencies) throws PluginInitException;
}
