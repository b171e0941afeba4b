package weft.runtime.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.identity.Identity;
import weft.api.identity.IdentityException;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.block.Sha256;
import weft.runtime.ledger.block.TransactionIds;

/**
 * Fabric v2.0's checks of one transaction before any validation plugin runs, in Fabric's order and with
 * Fabric's codes: envelope and payload, common header, creator and its signature, txid, the endorser
 * transaction's structure and proposal hash, then the chaincode action, rwset, chaincode ids, event and
 * namespaces. Duplicates are decided by the caller, which knows the ledger and the rest of the block.
 */
public final class TransactionChecker {

    /** Whether a txid is already in the ledger (valid or not). */
    @FunctionalInterface
    public interface CommittedTxIds {
        boolean contains(String txId) throws LedgerException;
    }

    private final ChannelConfig channel;
    private final CommittedTxIds committed;

    public TransactionChecker(ChannelConfig channel, CommittedTxIds committed) {
        this.channel = channel;
        this.committed = committed;
    }

    /**
     * Checks one transaction.
     *
     * @throws LedgerException when the ledger cannot say whether the txid is a duplicate (the block cannot be
     *                         validated, never a verdict)
     */
    public TransactionCheck check(int position, ByteString envelopeBytes) throws LedgerException {
        Envelope envelope;
        try {
            envelope = Protos.parse(Envelope.parser(), envelopeBytes);
        } catch (InvalidProtocolBufferException e) {
            return TransactionCheck.invalid(TxValidationCode.INVALID_OTHER_REASON, "envelope does not parse");
        }
        Payload payload;
        try {
            payload = Protos.parse(Payload.parser(), envelope.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return TransactionCheck.invalid(TxValidationCode.BAD_PAYLOAD, "payload does not parse");
        }
        if (!payload.hasHeader()) {
            return TransactionCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "payload has no header");
        }
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            channelHeader = Protos.parse(ChannelHeader.parser(), payload.getHeader().getChannelHeader());
            signatureHeader = Protos.parse(SignatureHeader.parser(), payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            return TransactionCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "channel or signature header does not parse");
        }
        int type = channelHeader.getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE
                && type != HeaderType.CONFIG_UPDATE_VALUE) {
            return TransactionCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "unsupported header type " + type);
        }
        if (channelHeader.getEpoch() != 0) {
            return TransactionCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "epoch " + channelHeader.getEpoch() + " is not 0");
        }
        if (signatureHeader.getNonce().isEmpty() || signatureHeader.getCreator().isEmpty()) {
            return TransactionCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "nonce or creator is empty");
        }
        try {
            Identity creator = channel.msps().deserializeIdentity(signatureHeader.getCreator());
            creator.validate();
            creator.verify(envelope.getPayload(), envelope.getSignature());
        } catch (IdentityException e) {
            return TransactionCheck.invalid(TxValidationCode.BAD_CREATOR_SIGNATURE, e.getMessage());
        }
        if (type == HeaderType.CONFIG_UPDATE_VALUE) {
            return TransactionCheck.invalid(TxValidationCode.UNSUPPORTED_TX_PAYLOAD, "a CONFIG_UPDATE is not a transaction");
        }
        if (type == HeaderType.CONFIG_VALUE) {
            if (payload.getData().isEmpty()) {
                return TransactionCheck.invalid(TxValidationCode.INVALID_CONFIG_TRANSACTION, "config transaction has no data");
            }
            return TransactionCheck.valid(new ParsedTransaction(position, envelopeBytes, channelHeader, signatureHeader,
                    configTxId(channelHeader, signatureHeader), null, List.of()));
        }
        String expectedTxId = txId(signatureHeader);
        if (!expectedTxId.equals(channelHeader.getTxId())) {
            return TransactionCheck.invalid(TxValidationCode.BAD_PROPOSAL_TXID, "txid " + channelHeader.getTxId()
                    + " is not hex(SHA-256(nonce || creator)) " + expectedTxId);
        }
        return endorserTransaction(position, envelopeBytes, payload, channelHeader, signatureHeader);
    }

    private TransactionCheck endorserTransaction(int position, ByteString envelopeBytes, Payload payload,
                                                 ChannelHeader channelHeader, SignatureHeader signatureHeader)
            throws LedgerException {
        ChaincodeActionPayload actionPayload;
        TransactionAction transactionAction;
        try {
            Transaction transaction = Protos.parse(Transaction.parser(), payload.getData());
            if (transaction.getActionsCount() != 1) {
                return TransactionCheck.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                        "an endorser transaction must have exactly one action, it has " + transaction.getActionsCount());
            }
            transactionAction = transaction.getActions(0);
            SignatureHeader actionHeader = Protos.parse(SignatureHeader.parser(), transactionAction.getHeader());
            if (actionHeader.getNonce().isEmpty() || actionHeader.getCreator().isEmpty()) {
                return TransactionCheck.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                        "the action's signature header lacks nonce or creator");
            }
            actionPayload = Protos.parse(ChaincodeActionPayload.parser(), transactionAction.getPayload());
            if (!actionPayload.hasAction()) {
                return TransactionCheck.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION, "no endorsed action");
            }
            ProposalResponsePayload prp = Protos.parse(ProposalResponsePayload.parser(), actionPayload.getAction().getProposalResponsePayload());
            ByteString expectedHash = sha256(payload.getHeader().getChannelHeader(), transactionAction.getHeader(),
                    actionPayload.getChaincodeProposalPayload());
            if (!expectedHash.equals(prp.getProposalHash())) {
                return TransactionCheck.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                        "the proposal hash does not match the transaction's headers and proposal payload");
            }
        } catch (InvalidProtocolBufferException e) {
            return TransactionCheck.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    "the transaction does not parse: " + e.getMessage());
        }
        // Fabric looks for the txid in the ledger (which indexes invalid transactions too) before anything else.
        if (committed.contains(channelHeader.getTxId())) {
            return TransactionCheck.invalid(TxValidationCode.DUPLICATE_TXID,
                    "txid " + channelHeader.getTxId() + " is already in the ledger");
        }
        return chaincodeAction(position, envelopeBytes, channelHeader, signatureHeader, actionPayload);
    }

    /** Fabric's plugin-dispatch pre-checks (its steps 1–9 before choosing plugins). */
    private TransactionCheck chaincodeAction(int position, ByteString envelopeBytes, ChannelHeader channelHeader,
                                             SignatureHeader signatureHeader, ChaincodeActionPayload actionPayload) {
        ChaincodeHeaderExtension extension;
        try {
            extension = Protos.parse(ChaincodeHeaderExtension.parser(), channelHeader.getExtension());
        } catch (InvalidProtocolBufferException e) {
            return TransactionCheck.invalid(TxValidationCode.BAD_HEADER_EXTENSION, "header extension does not parse");
        }
        ChaincodeAction action;
        try {
            ProposalResponsePayload prp = Protos.parse(ProposalResponsePayload.parser(), actionPayload.getAction().getProposalResponsePayload());
            if (prp.getExtension().isEmpty()) {
                return TransactionCheck.invalid(TxValidationCode.BAD_RESPONSE_PAYLOAD, "the response payload has no chaincode action");
            }
            action = Protos.parse(ChaincodeAction.parser(), prp.getExtension());
        } catch (InvalidProtocolBufferException e) {
            return TransactionCheck.invalid(TxValidationCode.BAD_RESPONSE_PAYLOAD, "the chaincode action does not parse");
        }
        TxReadWriteSet rwset;
        List<ParsedTransaction.Namespace> parsedNamespaces = new ArrayList<>();
        try {
            rwset = Protos.parse(TxReadWriteSet.parser(), action.getResults());
            for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
                List<ParsedTransaction.Collection> collections = new ArrayList<>();
                for (var collection : ns.getCollectionHashedRwsetList()) {
                    collections.add(new ParsedTransaction.Collection(collection.getCollectionName(),
                            Protos.parse(HashedRWSet.parser(), collection.getHashedRwset())));
                }
                parsedNamespaces.add(new ParsedTransaction.Namespace(ns.getNamespace(),
                        Protos.parse(KVRWSet.parser(), ns.getRwset()), collections));
            }
        } catch (InvalidProtocolBufferException e) {
            return TransactionCheck.invalid(TxValidationCode.BAD_RWSET, "the read-write set does not parse");
        }
        if (!extension.hasChaincodeId() || !action.hasChaincodeId()) {
            return TransactionCheck.invalid(TxValidationCode.INVALID_OTHER_REASON, "a chaincode id is missing");
        }
        String chaincode = extension.getChaincodeId().getName();
        if (chaincode.isEmpty() || !chaincode.equals(action.getChaincodeId().getName())
                || action.getChaincodeId().getVersion().isEmpty()) {
            return TransactionCheck.invalid(TxValidationCode.INVALID_CHAINCODE, "the invoked chaincode '" + chaincode
                    + "' and the action's '" + action.getChaincodeId().getName() + "' (version '"
                    + action.getChaincodeId().getVersion() + "') disagree or are incomplete");
        }
        if (!action.getEvents().isEmpty()) {
            try {
                ChaincodeEvent event = Protos.parse(ChaincodeEvent.parser(), action.getEvents());
                if (!event.getChaincodeId().equals(chaincode)) {
                    return TransactionCheck.invalid(TxValidationCode.INVALID_OTHER_REASON,
                            "the event claims chaincode '" + event.getChaincodeId() + "', not '" + chaincode + "'");
                }
            } catch (InvalidProtocolBufferException e) {
                return TransactionCheck.invalid(TxValidationCode.INVALID_OTHER_REASON, "the chaincode event does not parse");
            }
        }
        List<String> namespaces = new ArrayList<>();
        namespaces.add(chaincode);
        Set<String> seen = new HashSet<>();
        for (ParsedTransaction.Namespace ns : parsedNamespaces) {
            if (!seen.add(ns.name())) {
                return TransactionCheck.invalid(TxValidationCode.ILLEGAL_WRITESET,
                        "namespace " + ns.name() + " appears twice in the read-write set");
            }
            if (ns.writes() && !namespaces.contains(ns.name())) {
                namespaces.add(ns.name());
            }
        }
        ParsedTransaction.Endorsed endorsed = new ParsedTransaction.Endorsed(actionPayload, action, rwset, chaincode,
                parsedNamespaces);
        return TransactionCheck.valid(new ParsedTransaction(position, envelopeBytes, channelHeader, signatureHeader,
                channelHeader.getTxId(), endorsed, namespaces));
    }

    private static String txId(SignatureHeader header) {
        return TransactionIds.of(header.getNonce(), header.getCreator());
    }

    private static String configTxId(ChannelHeader channel, SignatureHeader signature) {
        return channel.getTxId().isEmpty() ? txId(signature) : channel.getTxId();
    }

    private static ByteString sha256(ByteString... parts) {
        MessageDigest digest = Sha256.digest();
        for (ByteString part : parts) {
            digest.update(part.asReadOnlyByteBuffer());
        }
        return ByteString.copyFrom(digest.digest());
    }
}
