package weft.runtime.channel;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import weft.api.ordering.BlockStream;
import weft.api.ordering.Consenter;
import weft.api.ordering.OrderingException;
import weft.runtime.ordering.FileChainSupport;

/**
 * A channel this node orders itself: the orderer's block store and the consenter writing to it. Blocks are
 * delivered from the store rather than the consenter, because the store outlives a consensus migration.
 */
final class LocalOrdering implements ChannelOrdering {

    private static final System.Logger LOG = System.getLogger(LocalOrdering.class.getName());

    private final FileChainSupport support;
    /** Replaced only by a consensus migration, while the broadcast gate holds every envelope back. */
    private volatile Consenter consenter;

    LocalOrdering(FileChainSupport support, Consenter consenter) {
        this.support = support;
        this.consenter = consenter;
    }

    FileChainSupport support() {
        return support;
    }

    Consenter consenter() {
        return consenter;
    }

    /** Puts another consenter in place of the current one, which the caller has closed. */
    void replaceConsenter(Consenter next) {
        this.consenter = next;
    }

    @Override
    public CompletableFuture<Void> broadcast(ByteString envelope) {
        return consenter.broadcast(envelope);
    }

    @Override
    public BlockStream blocks(long from) throws OrderingException {
        return support.blocks(from);
    }

    /** Closes the consenter, then the block store it writes to. */
    @Override
    public void close() {
        for (AutoCloseable resource : new AutoCloseable[] {consenter, support}) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resource + " failed: " + e.getMessage());
            }
        }
    }
}
