package weft.runtime.lifecycle;

import java.util.Optional;

/** Finds the {@link ChannelView} of a channel this peer has joined. */
@FunctionalInterface
public interface ChannelViews {

    /** The current view of {@code channelId}; empty when the peer has no such channel. */
    Optional<ChannelView> channel(String channelId);
}
