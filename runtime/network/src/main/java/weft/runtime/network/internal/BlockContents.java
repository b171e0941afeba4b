package weft.runtime.network.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What the event services read out of a committed block: each transaction's id, type, validation code and
 * chaincode events (Fabric's filtered blocks, and the gateway's chaincode events of valid transactions).
 */
final class BlockContents {

    /** One transaction of a block. */
    record Tx(String txId, HeaderType type, TxValidationCode code, List<ChaincodeEvent> events) {
    }

    private BlockContents() {
    }

    static List<Tx> transactions(Block block) {
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        List<Tx> transactions = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            TxValidationCode code = i < flags.size() ? TxValidationCode.forNumber(flags.byteAt(i) & 0xff)
                    : TxValidationCode.NOT_VALIDATED;
            if (code == null) {
                code = TxValidationCode.INVALID_OTHER_REASON;
            }
            transactions.add(transaction(block.getData().getData(i), code));
        }
        return transactions;
    }

    private static Tx transaction(ByteString envelope, TxValidationCode code) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            HeaderType type = HeaderType.forNumber(header.getType());
            if (type == null) {
                type = HeaderType.MESSAGE;
            }
            List<ChaincodeEvent> events = new ArrayList<>();
            if (type == HeaderType.ENDORSER_TRANSACTION) {
                for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
                    ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
                    ProposalResponsePayload response = ProposalResponsePayload.parseFrom(
                            actionPayload.getAction().getProposalResponsePayload());
                    ChaincodeEvent event = ChaincodeEvent.parseFrom(
                            ChaincodeAction.parseFrom(response.getExtension()).getEvents());
                    if (!event.getEventName().isEmpty() || !event.getChaincodeId().isEmpty()) {
                        events.add(event);
                    }
                }
            }
            return new Tx(header.getTxId(), type, code, events);
        } catch (InvalidProtocolBufferException e) {
            // The committer marked such a transaction invalid; it has no readable id or events.
            return new Tx("", HeaderType.MESSAGE, code, List.of());
        }
    }

    /** Fabric's filtered block: ids, types, validation codes, and chaincode events without their payloads. */
    static FilteredBlock filtered(String channelId, Block block) {
        FilteredBlock.Builder filtered = FilteredBlock.newBuilder().setChannelId(channelId)
                .setNumber(block.getHeader().getNumber());
        for (Tx tx : transactions(block)) {
            FilteredTransaction.Builder transaction = FilteredTransaction.newBuilder().setTxid(tx.txId())
                    .setType(tx.type()).setTxValidationCode(tx.code());
            if (tx.type() == HeaderType.ENDORSER_TRANSACTION) {
                FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
                for (ChaincodeEvent event : tx.events()) {
                    actions.addChaincodeActions(FilteredChaincodeAction.newBuilder()
                            .setChaincodeEvent(event.toBuilder().clearPayload()));
                }
                transaction.setTransactionActions(actions);
            }
            filtered.addFilteredTransactions(transaction);
        }
        return filtered.build();
    }
}
