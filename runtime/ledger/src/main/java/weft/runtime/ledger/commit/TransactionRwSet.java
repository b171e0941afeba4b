package weft.runtime.ledger.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** The public read-write set of one transaction, per namespace, as the ledger needs it. */
public record TransactionRwSet(List<Namespace> namespaces) {

    /** One namespace's public reads and writes, and the hashes of its private-data collections' reads and writes. */
    public record Namespace(String name, KVRWSet rwset, List<Collection> collections) {
        public Namespace {
            collections = List.copyOf(collections);
        }
    }

    /**
     * A private-data collection as the public ledger sees it: hashes of keys and values, and the SHA-256 of the
     * clear private write set (empty when the transaction wrote nothing to the collection).
     */
    public record Collection(String name, HashedRWSet hashed, ByteString pvtRwSetHash) {
    }

    /** Parsing outcome: the rwset, or the validation code of why there is none. */
    public record Parsed(Optional<TransactionRwSet> rwset, TxValidationCode failure) {
    }

    public TransactionRwSet {
        namespaces = List.copyOf(namespaces);
    }

    /**
     * The rwset of an endorser transaction; empty (with {@code VALID}) for transactions that carry none, such as
     * config; {@code NIL_TXACTION} when the chaincode action cannot be extracted and {@code INVALID_OTHER_REASON}
     * when the rwset does not parse, as Fabric's ledger decides.
     */
    public static Parsed of(ByteString envelopeBytes) {
        ChaincodeAction action;
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return new Parsed(Optional.empty(), TxValidationCode.VALID);
            }
            Transaction transaction = Transaction.parseFrom(payload.getData());
            ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
            ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload());
            action = ChaincodeAction.parseFrom(prp.getExtension());
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            return new Parsed(Optional.empty(), TxValidationCode.NIL_TXACTION);
        }
        try {
            List<Namespace> namespaces = new ArrayList<>();
            for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(action.getResults()).getNsRwsetList()) {
                List<Collection> collections = new ArrayList<>();
                for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                    collections.add(new Collection(collection.getCollectionName(),
                            HashedRWSet.parseFrom(collection.getHashedRwset()), collection.getPvtRwsetHash()));
                }
                namespaces.add(new Namespace(ns.getNamespace(), KVRWSet.parseFrom(ns.getRwset()), collections));
            }
            return new Parsed(Optional.of(new TransactionRwSet(namespaces)), TxValidationCode.VALID);
        } catch (InvalidProtocolBufferException e) {
            return new Parsed(Optional.empty(), TxValidationCode.INVALID_OTHER_REASON);
        }
    }
}
