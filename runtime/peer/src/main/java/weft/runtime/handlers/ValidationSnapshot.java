package weft.runtime.handlers;

import weft.api.validation.ValidationPlugin;

/**
 * The validation plugins one block of one channel is validated with. The committer takes a snapshot when it
 * starts a block and closes it when the block's verdicts are in: every transaction of the block is validated by
 * the same instance per plugin name, and an instance whose bundle is updated or stopped meanwhile stays usable
 * until the snapshots holding it are closed. A handler's implementation therefore changes only between blocks.
 * <pre>{@code
 * try (ValidationSnapshot plugins = registry.validationSnapshot("mychannel", dependencies)) {
 *     ServedPlugin<ValidationPlugin> vscc = plugins.validationPlugin("vscc");
 *     ...
 * }
 * }</pre>
 */
public interface ValidationSnapshot extends AutoCloseable {

    /**
     * The instance this snapshot uses under {@code pluginName}: the one the channel had when the snapshot was
     * taken or, for a plugin the channel had not used yet, one created and initialised now. The same instance for
     * every call on this snapshot.
     *
     * @throws HandlerUnavailableException when nothing serves the plugin or its {@code init} fails
     */
    ServedPlugin<ValidationPlugin> validationPlugin(String pluginName) throws HandlerUnavailableException;

    /** Releases the instances: one whose bundle is going away is let go once no snapshot holds it. */
    @Override
    void close();
}
