package weft.runtime.ledger.pvtdata;

import java.util.Objects;

/**
 * How a channel's ledger handles private data.
 *
 * @param membership                which collections this peer keeps clear values of
 * @param transientRetentionBlocks  how many blocks a proposal's private write set waits in the transient store for
 *                                  its transaction to commit before it is purged: Fabric's
 *                                  {@code peer.gossip.pvtData.transientstoreMaxBlockRetention} (default 1000)
 */
public record PrivateDataConfig(CollectionMembership membership, long transientRetentionBlocks) {

    /** Fabric's default {@code transientstoreMaxBlockRetention}. */
    public static final long DEFAULT_TRANSIENT_RETENTION = 1000;

    /** A peer of no collection, with Fabric's default retention. */
    public static final PrivateDataConfig NONE = new PrivateDataConfig(CollectionMembership.NONE,
            DEFAULT_TRANSIENT_RETENTION);

    public PrivateDataConfig {
        Objects.requireNonNull(membership, "membership");
        if (transientRetentionBlocks <= 0) {
            throw new IllegalArgumentException("the transient store retention must be at least 1 block, was "
                    + transientRetentionBlocks);
        }
    }

    /** Members of the collections {@code membership} says, with Fabric's default retention. */
    public static PrivateDataConfig of(CollectionMembership membership) {
        return new PrivateDataConfig(membership, DEFAULT_TRANSIENT_RETENTION);
    }
}
