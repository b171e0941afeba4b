package weft.api.validation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * The action being validated, already parsed by the committer: its proposal response payload exactly as signed,
 * the endorsements over it, and the read-write set. Plugins that find it among the context data can skip parsing
 * the block themselves (the committer has checked the structure already); the block stays the reference.
 * <pre>{@code
 * EndorsedAction action = parsed != null ? parsed : EndorsedAction.fromBlock(block, txPosition, actionPosition);
 * }</pre>
 */
public record EndorsedAction(ByteString proposalResponsePayload, List<Endorsement> endorsements,
                             TxReadWriteSet readWriteSet) implements ContextDatum {

    public EndorsedAction {
        Objects.requireNonNull(proposalResponsePayload, "proposalResponsePayload");
        endorsements = List.copyOf(endorsements);
        Objects.requireNonNull(readWriteSet, "readWriteSet");
    }

    /**
     * Parses action {@code actionPosition} of endorser transaction {@code txPosition} of {@code block}: what a
     * plugin does when the peer passed no {@code EndorsedAction} (since 1.2.0).
     *
     * @throws InvalidTransactionException naming what is missing or does not parse
     */
    public static EndorsedAction fromBlock(Block block, int txPosition, int actionPosition)
            throws InvalidTransactionException {
        if (txPosition < 0 || txPosition >= block.getData().getDataCount()) {
            throw new InvalidTransactionException("the block has no transaction " + txPosition);
        }
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(txPosition)).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                throw new InvalidTransactionException("only endorser transactions are validated, this one has type "
                        + header.getType());
            }
            Transaction transaction = Transaction.parseFrom(payload.getData());
            if (actionPosition < 0 || actionPosition >= transaction.getActionsCount()) {
                throw new InvalidTransactionException("the transaction has no action " + actionPosition);
            }
            ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(
                    transaction.getActions(actionPosition).getPayload());
            ByteString prpBytes = action.getAction().getProposalResponsePayload();
            ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(prpBytes);
            if (prp.getExtension().isEmpty()) {
                throw new InvalidTransactionException("the proposal response payload has no chaincode action");
            }
            TxReadWriteSet rwset = TxReadWriteSet.parseFrom(ChaincodeAction.parseFrom(prp.getExtension()).getResults());
            return new EndorsedAction(prpBytes, action.getAction().getEndorsementsList(), rwset);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidTransactionException("the transaction does not parse: " + e.getMessage(), e);
        }
    }
}
