package weft.api.ordering;

/**
 * Fabric's {@code BatchSize} channel setting: how many envelopes and bytes a block may hold.
 *
 * @param maxMessageCount   a block is cut as soon as it holds this many envelopes
 * @param absoluteMaxBytes  no envelope larger than this is accepted for ordering (the broadcast check)
 * @param preferredMaxBytes a block is cut before an envelope would take it past this size; a larger envelope
 *                          gets a block of its own
 */
public record BatchSize(int maxMessageCount, int absoluteMaxBytes, int preferredMaxBytes) {

    /** Fabric's defaults ({@code configtx.yaml}): 500 envelopes, 10 MB absolute, 2 MB preferred. */
    public static final BatchSize DEFAULT = new BatchSize(500, 10 * 1024 * 1024, 2 * 1024 * 1024);

    public BatchSize {
        if (maxMessageCount <= 0) {
            throw new IllegalArgumentException("BatchSize.MaxMessageCount must be positive, got " + maxMessageCount);
        }
        if (absoluteMaxBytes <= 0) {
            throw new IllegalArgumentException("BatchSize.AbsoluteMaxBytes must be positive, got " + absoluteMaxBytes);
        }
        if (preferredMaxBytes <= 0 || preferredMaxBytes > absoluteMaxBytes) {
            throw new IllegalArgumentException("BatchSize.PreferredMaxBytes must be positive and at most "
                    + "AbsoluteMaxBytes (" + absoluteMaxBytes + "), got " + preferredMaxBytes);
        }
    }
}
