package weft.plugins.utxo;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import weft.api.identity.SignedData;

/**
 * One transaction of a block as UTXO validation sees it, derived from the block alone: its creator (MSP id and
 * owner string), the endorsement signatures, the outputs it spends (deleted {@code utxo} keys) and the outputs it
 * creates (written ones). A transaction that does not fit the token layout carries its rejection instead, found
 * without reading state, so it can be computed for any position of a block by any thread.
 *
 * @param inputs  the spent output keys, in write-set order
 * @param outputs the created outputs by index 0..n-1
 */
record UtxoTransaction(String txId, String creatorMsp, String creatorOwner, List<SignedData> signatures,
                       List<String> inputs, List<TokenOutput> outputs, UtxoRejection rejection) {

    static final String OBJECT_TYPE = "utxo";

    static UtxoTransaction rejected(UtxoRejection rejection) {
        return new UtxoTransaction("", "", "", List.of(), List.of(), List.of(), rejection);
    }

    /** The composite key of output {@code index} of {@code txId}: {@code U+0000 utxo U+0000 txid U+0000 index U+0000}. */
    static String outputKey(String txId, int index) {
        return "\u0000" + OBJECT_TYPE + "\u0000" + txId + "\u0000" + index + "\u0000";
    }

    /** The owner string of an X.509 creator, as the chaincode's {@code ClientID}: {@code msp::x509::subject::issuer}. */
    static String owner(String mspId, X509Certificate certificate) {
        return mspId + "::x509::" + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253) + "::"
                + certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /** Reads transaction {@code position} of {@code block} for chaincode {@code namespace}. */
    static UtxoTransaction parse(Block block, int position, String namespace, Creators creators) {
        try {
            return parseOrThrow(block, position, namespace, creators);
        } catch (UtxoRejection e) {
            return rejected(e);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return rejected(new UtxoRejection(Rejection.MALFORMED_TRANSACTION, "transaction " + position
                    + " does not parse: " + e.getMessage()));
        }
    }

    private static UtxoTransaction parseOrThrow(Block block, int position, String namespace, Creators creators)
            throws InvalidProtocolBufferException, UtxoRejection {
        if (position < 0 || position >= block.getData().getDataCount()) {
            throw new UtxoRejection(Rejection.MALFORMED_TRANSACTION, "the block has no transaction " + position);
        }
        Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(position)).getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            throw new UtxoRejection(Rejection.MALFORMED_TRANSACTION, "transaction " + position
                    + " is not an endorser transaction");
        }
        Creator creator = creators.creator(SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader()).getCreator());
        Transaction transaction = Transaction.parseFrom(payload.getData());
        if (transaction.getActionsCount() != 1) {
            throw new UtxoRejection(Rejection.MALFORMED_TRANSACTION, "transaction " + position + " has "
                    + transaction.getActionsCount() + " actions, not one");
        }
        ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
        ByteString prpBytes = cap.getAction().getProposalResponsePayload();
        ChaincodeAction action = ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(prpBytes).getExtension());
        List<SignedData> signatures = new ArrayList<>(cap.getAction().getEndorsementsCount());
        for (Endorsement endorsement : cap.getAction().getEndorsementsList()) {
            signatures.add(new SignedData(prpBytes.concat(endorsement.getEndorser()), endorsement.getEndorser(),
                    endorsement.getSignature()));
        }
        String txId = header.getTxId();
        Set<String> inputs = new LinkedHashSet<>();
        List<TokenOutput> outputs = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(action.getResults()).getNsRwsetList()) {
            if (!ns.getNamespace().equals(namespace)) {
                continue;
            }
            if (ns.getCollectionHashedRwsetCount() > 0) {
                throw new UtxoRejection(Rejection.FOREIGN_WRITE, "it writes private data in " + namespace);
            }
            KVRWSet kv = KVRWSet.parseFrom(ns.getRwset());
            if (kv.getMetadataWritesCount() > 0) {
                throw new UtxoRejection(Rejection.FOREIGN_WRITE, "it writes key metadata in " + namespace);
            }
            for (KVWrite write : kv.getWritesList()) {
                String[] parts = outputKeyParts(write.getKey());
                if (write.getIsDelete()) {
                    if (!inputs.add(write.getKey())) {
                        throw new UtxoRejection(Rejection.INPUT_TWICE, "output " + parts[0] + ":" + parts[1]
                                + " is spent twice");
                    }
                    continue;
                }
                if (!parts[0].equals(txId)) {
                    throw new UtxoRejection(Rejection.OUTPUT_NOT_FRESH, "it creates output " + parts[0] + ":" + parts[1]
                            + ", which is not of its own txid " + txId);
                }
                indices.add(Integer.parseInt(parts[1]));
                outputs.add(TokenOutput.parse(write.getValue().toString(StandardCharsets.UTF_8),
                        "output " + parts[0] + ":" + parts[1]));
            }
        }
        List<TokenOutput> ordered = new ArrayList<>(outputs);
        for (int i = 0; i < indices.size(); i++) {
            int index = indices.get(i);
            if (index >= outputs.size() || indices.indexOf(index) != i) {
                throw new UtxoRejection(Rejection.OUTPUT_NOT_FRESH, "its outputs are not numbered 0.." + (outputs.size() - 1)
                        + ": " + indices);
            }
            ordered.set(index, outputs.get(i));
        }
        return new UtxoTransaction(txId, creator.mspId(), creator.owner(), List.copyOf(signatures),
                List.copyOf(inputs), List.copyOf(ordered), null);
    }

    /** {txid, index} of an output key; anything else is a foreign write. The index must be canonical decimal. */
    private static String[] outputKeyParts(String key) throws UtxoRejection {
        String[] parts = key.split("\u0000", -1);
        // "", "utxo", txid, index, ""
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[4].isEmpty() || !parts[1].equals(OBJECT_TYPE)
                || parts[2].isEmpty() || !canonicalIndex(parts[3])) {
            throw new UtxoRejection(Rejection.FOREIGN_WRITE, "it writes key '" + key.replace('\u0000', '/')
                    + "', which is not an output key utxo/<txid>/<index>");
        }
        return new String[] {parts[2], parts[3]};
    }

    private static boolean canonicalIndex(String index) {
        return !index.isEmpty() && index.length() <= 9 && index.chars().allMatch(c -> c >= '0' && c <= '9')
                && (index.length() == 1 || index.charAt(0) != '0');
    }

    /** A creator's MSP id and owner string. */
    record Creator(String mspId, String owner) {
    }

    /**
     * Decodes creators' certificates once each: a channel has few clients. Bounded: it starts over past a limit.
     */
    static final class Creators {
        private static final int LIMIT = 4096;
        private final java.util.concurrent.ConcurrentHashMap<ByteString, Creator> cache =
                new java.util.concurrent.ConcurrentHashMap<>();

        Creator creator(ByteString serialized) throws UtxoRejection {
            Creator known = cache.get(serialized);
            if (known != null) {
                return known;
            }
            Creator creator;
            try {
                SerializedIdentity identity = SerializedIdentity.parseFrom(serialized);
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(identity.getIdBytes().toByteArray()));
                creator = new Creator(identity.getMspid(), owner(identity.getMspid(), certificate));
            } catch (InvalidProtocolBufferException | CertificateException | ClassCastException e) {
                throw new UtxoRejection(Rejection.MALFORMED_TRANSACTION, "the creator is not an X.509 identity: "
                        + e.getMessage());
            }
            if (cache.size() >= LIMIT) {
                cache.clear();
            }
            cache.put(serialized, creator);
            return creator;
        }
    }
}
