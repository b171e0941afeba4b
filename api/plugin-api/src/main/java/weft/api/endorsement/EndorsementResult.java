package weft.api.endorsement;

import com.google.protobuf.ByteString;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * What an endorsement plugin returns: the {@code Endorsement} (endorser and signature) and the proposal response
 * payload that goes back to the client (the one passed in, unless the plugin rewrote it).
 */
public record EndorsementResult(Endorsement endorsement, ByteString proposalResponsePayload) {

    public EndorsementResult {
        Objects.requireNonNull(endorsement, "endorsement");
        Objects.requireNonNull(proposalResponsePayload, "proposalResponsePayload");
    }
}
