package weft.runtime.endorser;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import weft.api.endorsement.SigningIdentity;
import weft.runtime.ledger.block.TransactionIds;

/**
 * A Fabric client as the SDKs behave: builds and signs proposals, and assembles the endorsed responses into a
 * transaction envelope (Fabric's CreateSignedTx: identical payloads, one action whose header is the proposal's
 * signature header and whose proposal payload drops the transient data, signed by the proposal's creator).
 */
public final class Client {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningIdentity identity;

    public Client(SigningIdentity identity) {
        this.identity = identity;
    }

    /** A proposal and the parts a client keeps to assemble the transaction. */
    public record Signed(SignedProposal signed, Proposal proposal, Header header, String txId) {
        public ByteString bytes() {
            return signed.toByteString();
        }
    }

    public Signed propose(String channel, String chaincode, String... args) {
        return propose(channel, chaincode, Map.of(), false, UnaryOperator.identity(), args);
    }

    /**
     * @param tamper changes the channel header before signing (to build bad proposals)
     */
    public Signed propose(String channel, String chaincode, Map<String, ByteString> transientData, boolean init,
                          UnaryOperator<ChannelHeader.Builder> tamper, String... args) {
        List<ByteString> bytes = new ArrayList<>();
        for (String arg : args) {
            bytes.add(ByteString.copyFromUtf8(arg));
        }
        return propose(channel, chaincode, transientData, init, tamper, bytes);
    }

    /** A proposal with binary arguments (a system chaincode's marshalled messages). */
    public Signed propose(String channel, String chaincode, List<ByteString> args) {
        return propose(channel, chaincode, Map.of(), false, UnaryOperator.identity(), args);
    }

    private Signed propose(String channel, String chaincode, Map<String, ByteString> transientData, boolean init,
                           UnaryOperator<ChannelHeader.Builder> tamper, List<ByteString> args) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(identity.serialize())
                .setNonce(ByteString.copyFrom(nonce)).build();
        String txId = TransactionIds.of(signatureHeader.getNonce(), signatureHeader.getCreator());
        ChannelHeader.Builder channelHeader = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channel).setTxId(txId).setTimestamp(TestNetwork.now())
                .setExtension(ChaincodeHeaderExtension.newBuilder().setChaincodeId(ChaincodeID.newBuilder()
                        .setName(chaincode)).build().toByteString());
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder().setIsInit(init);
        input.addAllArgs(args);
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.newBuilder().setInput(ChaincodeInvocationSpec
                .newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder().setType(ChaincodeSpec.Type.JAVA)
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode)).setInput(input))
                .build().toByteString()).putAllTransientMap(transientData).build();
        Header header = Header.newBuilder().setChannelHeader(tamper.apply(channelHeader).build().toByteString())
                .setSignatureHeader(signatureHeader.toByteString()).build();
        Proposal proposal = Proposal.newBuilder().setHeader(header.toByteString()).setPayload(payload.toByteString())
                .build();
        ByteString proposalBytes = proposal.toByteString();
        SignedProposal signed = SignedProposal.newBuilder().setProposalBytes(proposalBytes)
                .setSignature(sign(proposalBytes)).build();
        return new Signed(signed, proposal, header, txId);
    }

    private ByteString sign(ByteString bytes) {
        try {
            return identity.sign(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The transaction envelope from endorsed responses, as Fabric's client assembles it. */
    public ByteString transaction(Signed proposal, List<ProposalResponse> responses) {
        try {
            ByteString payloadBytes = null;
            List<org.hyperledger.fabric.protos.peer.Endorsement> endorsements = new ArrayList<>();
            for (ProposalResponse response : responses) {
                if (response.getResponse().getStatus() < 200 || response.getResponse().getStatus() >= 400) {
                    throw new IllegalArgumentException("response not successful: " + response.getResponse().getMessage());
                }
                if (payloadBytes != null && !payloadBytes.equals(response.getPayload())) {
                    throw new IllegalArgumentException("the endorsers' payloads differ");
                }
                payloadBytes = response.getPayload();
                endorsements.add(response.getEndorsement());
            }
            ChaincodeProposalPayload withTransient = ChaincodeProposalPayload.parseFrom(proposal.proposal().getPayload());
            ByteString proposalPayload = ChaincodeProposalPayload.newBuilder().setInput(withTransient.getInput()).build()
                    .toByteString();
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                    .setChaincodeProposalPayload(proposalPayload)
                    .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(payloadBytes)
                            .addAllEndorsements(endorsements)).build();
            Transaction transaction = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                    .setHeader(proposal.header().getSignatureHeader()).setPayload(actionPayload.toByteString())).build();
            ByteString payload = Payload.newBuilder().setHeader(proposal.header()).setData(transaction.toByteString())
                    .build().toByteString();
            return Envelope.newBuilder().setPayload(payload).setSignature(sign(payload)).build().toByteString();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static ByteString sha256(ByteString bytes) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
