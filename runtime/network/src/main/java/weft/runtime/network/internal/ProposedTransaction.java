package weft.runtime.network.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * A client's signed proposal as the gateway unpacks it (channel, chaincode, headers), and the transaction the
 * gateway prepares from its endorsements: Fabric's unsigned envelope with one action whose header is the proposal's
 * signature header and whose payload carries the proposal payload without transient data and every endorsement.
 */
record ProposedTransaction(SignedProposal signed, Proposal proposal, Header header, ChannelHeader channelHeader,
                           ChaincodeProposalPayload payload, String chaincodeId) {

    String channelId() {
        return channelHeader.getChannelId();
    }

    /** @throws StatusRuntimeException INVALID_ARGUMENT naming what is missing or does not parse */
    static ProposedTransaction unpack(SignedProposal signed) {
        if (signed == null || signed.getProposalBytes().isEmpty()) {
            throw invalid("a signed proposal is required");
        }
        try {
            Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            String channel = channelHeader.getChannelId();
            if (channel.isEmpty()) {
                throw invalid("no channel id provided");
            }
            if (!spec.hasChaincodeSpec()) {
                throw invalid("no chaincode spec is provided, channel id [" + channel + "]");
            }
            String chaincode = spec.getChaincodeSpec().getChaincodeId().getName();
            if (chaincode.isEmpty()) {
                throw invalid("no chaincode name is provided, channel id [" + channel + "]");
            }
            return new ProposedTransaction(signed, proposal, header, channelHeader, payload, chaincode);
        } catch (InvalidProtocolBufferException e) {
            throw invalid(e.getMessage());
        }
    }

    private static StatusRuntimeException invalid(String problem) {
        return RpcErrors.error(Status.Code.INVALID_ARGUMENT, "failed to unpack transaction proposal: " + problem);
    }

    /** The transaction to sign and submit, from the endorsed response payload and its endorsements. */
    Envelope prepare(ByteString proposalResponsePayload, List<Endorsement> endorsements) {
        ChaincodeActionPayload action = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(ChaincodeProposalPayload.newBuilder().setInput(payload.getInput())
                        .build().toByteString())
                .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(proposalResponsePayload)
                        .addAllEndorsements(endorsements))
                .build();
        Transaction transaction = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setHeader(header.getSignatureHeader()).setPayload(action.toByteString())).build();
        return Envelope.newBuilder().setPayload(Payload.newBuilder().setHeader(header)
                .setData(transaction.toByteString()).build().toByteString()).build();
    }
}
