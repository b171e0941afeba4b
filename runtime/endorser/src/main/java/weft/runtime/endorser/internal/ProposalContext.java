package weft.runtime.endorser.internal;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a chaincode invocation knows of its proposal, taken from the checked proposal's headers and payload. */
public record ProposalContext(String channelId, String txId, Instant timestamp, ByteString creator,
                              List<ByteString> args, Map<String, ByteString> transientData, boolean isInit) {

    public ProposalContext {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(creator, "creator");
        args = List.copyOf(args);
        transientData = Map.copyOf(transientData);
    }
}
