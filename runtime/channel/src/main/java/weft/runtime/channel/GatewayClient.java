package weft.runtime.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.SigningIdentity;
import weft.runtime.ledger.block.TransactionIds;

/**
 * A client identity's side of a transaction, as Fabric's SDKs build it: a signed proposal (random nonce, txid =
 * hex(SHA-256(nonce ‖ creator)), the chaincode invocation spec and transient data), and the transaction envelope
 * assembled from the endorsed responses (one action whose header is the proposal's signature header and whose
 * payload holds the proposal payload without transient data and every endorsement of the identical response
 * payload), signed by the same identity.
 */
public final class GatewayClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningIdentity identity;

    public GatewayClient(SigningIdentity identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /** A signed proposal, and what the client keeps to assemble its transaction. */
    public record Proposed(SignedProposal signed, Proposal proposal, Header header, String txId) {
    }

    /** A proposal to invoke {@code chaincode} with {@code args} (the function name first). */
    public Proposed propose(String channelId, String chaincode, List<ByteString> args) {
        return propose(channelId, chaincode, args, Map.of(), false);
    }

    /** A proposal to invoke {@code chaincode} with UTF-8 arguments (the function name first). */
    public Proposed proposeStrings(String channelId, String chaincode, List<String> args) {
        return propose(channelId, chaincode, args.stream().map(ByteString::copyFromUtf8).toList());
    }

    /**
     * @param transientData private inputs: sent to the endorsers, never into the transaction
     * @param init          whether this is the init invocation of a definition with {@code --init-required}
     */
    public Proposed propose(String channelId, String chaincode, List<ByteString> args,
                            Map<String, ByteString> transientData, boolean init) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(identity.serialize())
                .setNonce(ByteString.copyFrom(nonce)).build();
        String txId = TransactionIds.of(signatureHeader.getNonce(), signatureHeader.getCreator());
        Instant now = Instant.now();
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channelId).setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode)).build().toByteString())
                .build();
        ChaincodeInput input = ChaincodeInput.newBuilder().addAllArgs(args).setIsInit(init).build();
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setType(ChaincodeSpec.Type.JAVA).setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                        .setInput(input)).build().toByteString())
                .putAllTransientMap(transientData).build();
        Header header = Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                .setSignatureHeader(signatureHeader.toByteString()).build();
        Proposal proposal = Proposal.newBuilder().setHeader(header.toByteString()).setPayload(payload.toByteString())
                .build();
        ByteString bytes = proposal.toByteString();
        return new Proposed(SignedProposal.newBuilder().setProposalBytes(bytes).setSignature(sign(bytes)).build(),
                proposal, header, txId);
    }

    /**
     * The transaction envelope from the endorsers' responses to {@code proposed}.
     *
     * @throws IllegalArgumentException when there is no response, one is not successful (status outside
     *                                  200..399 or without endorsement), or their payloads differ
     */
    public Envelope transaction(Proposed proposed, List<ProposalResponse> responses) {
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("no endorsement to assemble a transaction from");
        }
        ByteString responsePayload = null;
        List<Endorsement> endorsements = new ArrayList<>();
        for (ProposalResponse response : responses) {
            int status = response.getResponse().getStatus();
            if (status < 200 || status >= 400 || !response.hasEndorsement()) {
                throw new IllegalArgumentException("proposal " + proposed.txId() + " was not endorsed: status "
                        + status + " " + response.getResponse().getMessage());
            }
            if (responsePayload != null && !responsePayload.equals(response.getPayload())) {
                throw new IllegalArgumentException("the endorsers' responses to proposal " + proposed.txId() + " differ");
            }
            responsePayload = response.getPayload();
            endorsements.add(response.getEndorsement());
        }
        ChaincodeProposalPayload withTransient;
        try {
            withTransient = ChaincodeProposalPayload.parseFrom(proposed.proposal().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the proposal's payload does not parse: " + e.getMessage(), e);
        }
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(ChaincodeProposalPayload.newBuilder().setInput(withTransient.getInput())
                        .build().toByteString())
                .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(responsePayload)
                        .addAllEndorsements(endorsements)).build();
        Transaction transaction = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setHeader(proposed.header().getSignatureHeader()).setPayload(actionPayload.toByteString())).build();
        ByteString payload = Payload.newBuilder().setHeader(proposed.header()).setData(transaction.toByteString())
                .build().toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(sign(payload)).build();
    }

    private ByteString sign(ByteString bytes) {
        try {
            return identity.sign(bytes);
        } catch (EndorsementException e) {
            throw new IllegalStateException("the client identity cannot sign: " + e.getMessage(), e);
        }
    }
}
