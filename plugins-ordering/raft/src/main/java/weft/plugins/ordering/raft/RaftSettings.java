package weft.plugins.ordering.raft;

import java.time.Duration;

/**
 * How the Raft engine is tuned.
 *
 * @param electionTimeoutMin  a follower that hears nothing from a leader this long may start an election
 * @param electionTimeoutMax  the upper bound of the randomised election timeout
 * @param snapshotThreshold   a snapshot is taken after this many applied log entries; the log is then purged
 * @param logSegmentBytes     the size of a Raft log segment; only closed segments are purged
 * @param requestTimeout      how long a client request may take before Ratis retries it
 */
record RaftSettings(Duration electionTimeoutMin, Duration electionTimeoutMax, long snapshotThreshold,
                    long logSegmentBytes, Duration requestTimeout) {

    static final RaftSettings DEFAULT = new RaftSettings(Duration.ofMillis(1000), Duration.ofMillis(2000), 10_000,
            8L * 1024 * 1024, Duration.ofSeconds(3));
}
