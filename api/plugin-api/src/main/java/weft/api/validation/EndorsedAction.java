package weft.api.validation;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * The action being validated, already parsed by the committer: its proposal response payload exactly as signed,
 * the endorsements over it, and the read-write set. Plugins that find it among the context data can skip parsing
 * the block themselves (the committer has checked the structure already); the block stays the reference.
 */
public record EndorsedAction(ByteString proposalResponsePayload, List<Endorsement> endorsements,
                             TxReadWriteSet readWriteSet) implements ContextDatum {

    public EndorsedAction {
        Objects.requireNonNull(proposalResponsePayload, "proposalResponsePayload");
        endorsements = List.copyOf(endorsements);
        Objects.requireNonNull(readWriteSet, "readWriteSet");
    }
}
