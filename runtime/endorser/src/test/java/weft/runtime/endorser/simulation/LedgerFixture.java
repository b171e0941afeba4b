package weft.runtime.endorser.simulation;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.pvtdata.PrivateDataConfig;
import weft.runtime.ledger.block.BlockHashes;

/**
 * A ledger for simulator tests: blocks of bare endorser transactions committed straight through the ledger (its
 * MVCC included, no signatures), so state has real versions and a simulated rwset can be committed to see
 * whether MVCC accepts it.
 */
final class LedgerFixture implements AutoCloseable {

    final ChannelLedger ledger;
    private ByteString previousHash = ByteString.EMPTY;
    private long next;
    private int txCounter;

    LedgerFixture(Path dir) throws Exception {
        // a member of collection "secrets" (of any chaincode) only
        ledger = ChannelLedger.open(dir, "simchannel", PrivateDataConfig.of((namespace, collection, state) ->
                collection.equals("secrets")));
        commitEnvelopes(List.of(envelope(HeaderType.CONFIG, ByteString.EMPTY)));
    }

    /** Commits one transaction writing {@code values} into {@code namespace}; empty value = delete. */
    int commitWrites(String namespace, Map<String, String> values) throws Exception {
        KVRWSet.Builder writes = KVRWSet.newBuilder();
        values.forEach((k, v) -> writes.addWrites(v.isEmpty() ? KVWrite.newBuilder().setKey(k).setIsDelete(true).build()
                : KVWrite.newBuilder().setKey(k).setValue(ByteString.copyFromUtf8(v)).build()));
        return commit(TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace)
                .setRwset(writes.build().toByteString())).build());
    }

    /** Commits one transaction with this rwset; returns its validation code. */
    int commit(TxReadWriteSet rwset) throws Exception {
        ChaincodeAction action = ChaincodeAction.newBuilder().setResults(rwset.toByteString()).build();
        ByteString prp = ProposalResponsePayload.newBuilder().setExtension(action.toByteString()).build().toByteString();
        Transaction tx = Transaction.newBuilder().addActions(TransactionAction.newBuilder().setPayload(
                ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(prp)).build().toByteString())).build();
        Block stored = commitEnvelopes(List.of(envelope(HeaderType.ENDORSER_TRANSACTION, tx.toByteString())));
        return stored.getMetadata().getMetadata(2).byteAt(0);
    }

    /**
     * Commits one transaction with a simulation's results, its private writes left in the transient store first
     * as the endorser does; returns its validation code.
     */
    int commit(SimulationResults results) throws Exception {
        if (results.privateRwSet().isPresent()) {
            ledger.transientStore().persist("tx" + txCounter, height(), results.privateRwSet().get());
        }
        return commit(results.publicRwSet());
    }

    long height() {
        return ledger.chainInfo().height();
    }

    private Block commitEnvelopes(List<ByteString> envelopes) throws Exception {
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(next++).setPreviousHash(previousHash)
                .setDataHash(BlockHashes.dataHash(data)).build();
        previousHash = BlockHashes.headerHash(header);
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < 5; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        Block block = Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
        return ledger.commit(block, new byte[envelopes.size()]);
    }

    private ByteString envelope(HeaderType type, ByteString data) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(type.getNumber()).setChannelId("simchannel")
                .setTxId("tx" + (txCounter++)).build();
        return Envelope.newBuilder().setPayload(Payload.newBuilder().setHeader(Header.newBuilder()
                .setChannelHeader(channelHeader.toByteString())).setData(data).build().toByteString()).build().toByteString();
    }

    TxSimulator simulator() throws Exception {
        return new TxSimulator(ledger.snapshot());
    }

    @Override
    public void close() throws Exception {
        ledger.close();
    }
}
