package weft.runtime.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import weft.runtime.ledger.block.TransactionIds;

/** The txid and timestamp of an envelope, as the ledger indexes them. */
record TransactionHeader(String txId, Timestamp timestamp) {

    /**
     * Reads the header; a transaction without a txid in its channel header (a config transaction) is indexed under
     * hex(SHA-256(nonce ‖ creator)), as Fabric does. Empty when the envelope cannot be parsed at all.
     */
    static Optional<TransactionHeader> of(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            ChannelHeader channel = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            String txId = channel.getTxId();
            if (txId.isEmpty()) {
                SignatureHeader signature = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
                txId = TransactionIds.of(signature.getNonce(), signature.getCreator());
            }
            return Optional.of(new TransactionHeader(txId, channel.getTimestamp()));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
