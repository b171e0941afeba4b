package weft.runtime.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.state.Height;

/** Builds chained blocks of endorser transactions with chosen read-write sets, for ledger tests. */
public final class TestBlocks {

    private long next;
    private ByteString previousHash = ByteString.EMPTY;

    /** The next block of the chain, holding {@code envelopes}. */
    public Block block(ByteString... envelopes) {
        BlockData data = BlockData.newBuilder().addAllData(List.of(envelopes)).build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(next++).setPreviousHash(previousHash)
                .setDataHash(BlockHashes.dataHash(data)).build();
        previousHash = BlockHashes.headerHash(header);
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(BlockMetadata.newBuilder()
                .addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY)).build();
    }

    public static byte[] allValid(Block block) {
        return new byte[block.getData().getDataCount()];
    }

    public static ByteString config(String txId) {
        return envelope(HeaderType.CONFIG, txId, ByteString.copyFromUtf8("config"));
    }

    /** An endorser transaction with the given namespace rwsets. */
    public static ByteString tx(String txId, Ns... namespaces) {
        return build(txId, null, namespaces);
    }

    /**
     * A forged transaction: the private write set hashes of {@code namespaces}, but the hashed writes of
     * {@code hashedFrom}'s (first namespace's) collections.
     */
    public static ByteString txWithHashedWritesOf(String txId, Ns clear, Ns hashedFrom) {
        return build(txId, hashedFrom, clear);
    }

    private static ByteString build(String txId, Ns hashedFrom, Ns... namespaces) {
        TxReadWriteSet.Builder rwset = TxReadWriteSet.newBuilder();
        for (Ns ns : namespaces) {
            NsReadWriteSet.Builder nsSet = NsReadWriteSet.newBuilder().setNamespace(ns.name)
                    .setRwset(ns.rwset.build().toByteString());
            ns.collections.forEach((collection, clear) -> {
                HashedRWSet.Builder hashed = HashedRWSet.newBuilder();
                KVRWSet.Builder hashSource = hashedFrom != null && hashedFrom.collections.containsKey(collection)
                        ? hashedFrom.collections.get(collection) : clear;
                for (KVWrite write : hashSource.getWritesList()) {
                    KVWriteHash.Builder hash = KVWriteHash.newBuilder().setKeyHash(sha256(ByteString.copyFromUtf8(write.getKey())))
                            .setIsDelete(write.getIsDelete());
                    if (!write.getIsDelete()) {
                        hash.setValueHash(sha256(write.getValue()));
                    }
                    hashed.addHashedWrites(hash);
                }
                nsSet.addCollectionHashedRwset(CollectionHashedReadWriteSet.newBuilder().setCollectionName(collection)
                        .setHashedRwset(hashed.build().toByteString())
                        .setPvtRwsetHash(sha256(clear.build().toByteString())));
            });
            rwset.addNsRwset(nsSet);
        }
        ChaincodeAction action = ChaincodeAction.newBuilder().setResults(rwset.build().toByteString()).build();
        ProposalResponsePayload prp = ProposalResponsePayload.newBuilder().setExtension(action.toByteString()).build();
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(prp.toByteString())).build();
        Transaction transaction = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setPayload(cap.toByteString())).build();
        return envelope(HeaderType.ENDORSER_TRANSACTION, txId, transaction.toByteString());
    }

    /** The clear private writes of the namespaces' collections, as the endorser leaves them in the transient store. */
    public static TxPvtReadWriteSet privateWrites(Ns... namespaces) {
        TxPvtReadWriteSet.Builder set = TxPvtReadWriteSet.newBuilder();
        for (Ns ns : namespaces) {
            NsPvtReadWriteSet.Builder nsSet = NsPvtReadWriteSet.newBuilder().setNamespace(ns.name);
            ns.collections.forEach((collection, clear) -> nsSet.addCollectionPvtRwset(CollectionPvtReadWriteSet
                    .newBuilder().setCollectionName(collection).setRwset(clear.build().toByteString())));
            set.addNsPvtRwset(nsSet);
        }
        return set.build();
    }

    public static ByteString sha256(ByteString bytes) {
        try {
            return ByteString.copyFrom(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteString envelope(HeaderType type, String txId, ByteString data) {
        ChannelHeader channel = ChannelHeader.newBuilder().setType(type.getNumber()).setChannelId("mychannel")
                .setTxId(txId).setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L)).build();
        SignatureHeader signature = SignatureHeader.newBuilder().setCreator(ByteString.copyFromUtf8("creator"))
                .setNonce(ByteString.copyFromUtf8(txId)).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(channel.toByteString())
                .setSignatureHeader(signature.toByteString())).setData(data).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).setSignature(ByteString.copyFromUtf8("sig"))
                .build().toByteString();
    }

    /** One namespace's reads and writes. */
    public static final class Ns {
        final String name;
        final KVRWSet.Builder rwset = KVRWSet.newBuilder();
        final java.util.Map<String, KVRWSet.Builder> collections = new java.util.TreeMap<>();

        public Ns(String name) {
            this.name = name;
        }

        /** A private write: its hashes go into the transaction, the clear value into {@link #privateWrites}. */
        public Ns privateWrite(String collection, String key, String value) {
            collections.computeIfAbsent(collection, c -> KVRWSet.newBuilder())
                    .addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)));
            return this;
        }

        public Ns privateDelete(String collection, String key) {
            collections.computeIfAbsent(collection, c -> KVRWSet.newBuilder())
                    .addWrites(KVWrite.newBuilder().setKey(key).setIsDelete(true));
            return this;
        }

        public Ns read(String key, Height version) {
            KVRead.Builder read = KVRead.newBuilder().setKey(key);
            if (version != null) {
                read.setVersion(version.toVersion());
            }
            rwset.addReads(read);
            return this;
        }

        public Ns write(String key, String value) {
            rwset.addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)));
            return this;
        }

        public Ns delete(String key) {
            rwset.addWrites(KVWrite.newBuilder().setKey(key).setIsDelete(true));
            return this;
        }

        public Ns metadata(String key, String name, String value) {
            rwset.addMetadataWrites(KVMetadataWrite.newBuilder().setKey(key).addEntries(
                    KVMetadataEntry.newBuilder().setName(name).setValue(ByteString.copyFromUtf8(value))));
            return this;
        }

        /** A range query recorded as given. */
        public Ns rangeInfo(RangeQueryInfo info) {
            rwset.addRangeQueriesInfo(info);
            return this;
        }

        /** A range query that saw {@code seen} (key, version) pairs. */
        public Ns range(String start, String end, boolean exhausted, Object... seen) {
            QueryReads.Builder reads = QueryReads.newBuilder();
            for (int i = 0; i < seen.length; i += 2) {
                reads.addKvReads(KVRead.newBuilder().setKey((String) seen[i]).setVersion(((Height) seen[i + 1]).toVersion()));
            }
            rwset.addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey(start).setEndKey(end)
                    .setItrExhausted(exhausted).setRawReads(reads));
            return this;
        }
    }
}
