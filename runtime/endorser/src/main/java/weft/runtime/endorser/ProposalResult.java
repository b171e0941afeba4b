package weft.runtime.endorser;

import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/**
 * The outcome of one proposal: the response for the client, and the private write set of an endorsed
 * transaction (clear private values), which goes to the collection's members, never to the client or orderer.
 */
public record ProposalResult(ProposalResponse response, Optional<TxPvtReadWriteSet> privateData) {

    public ProposalResult {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(privateData, "privateData");
    }

    /** Whether the proposal was endorsed. */
    public boolean endorsed() {
        return response.hasEndorsement();
    }
}
