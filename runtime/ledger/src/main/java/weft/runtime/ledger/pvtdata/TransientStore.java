package weft.runtime.ledger.pvtdata;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import weft.runtime.ledger.block.Sha256;
import weft.runtime.ledger.store.Batch;
import weft.runtime.ledger.store.Keys;
import weft.runtime.ledger.store.LedgerStore;
import weft.runtime.ledger.store.LedgerStoreException;
import weft.runtime.ledger.store.StoreReader;

/**
 * Fabric's transient store for one channel: the clear private write sets of endorsed proposals, by txid, kept
 * until the transaction's block commits (then the ledger consumes and purges them in the block's own batch) or
 * until they are older than the retention (then the ledger purges them too). A txid may have several entries —
 * the same proposal endorsed more than once — and the ledger takes the one whose hashes match the transaction.
 *
 * <p>It lives in the channel's LevelDB under its own key prefix ({@code 't'}), so that consuming an entry and
 * applying its writes to private state are one atomic batch: after a crash between the block append and that
 * batch, the entries are still here and recovery replays the block with its private data. Thread-safe.
 */
public final class TransientStore {

    private static final byte[] DATA = {'t', 'd'};
    private static final byte[] BY_HEIGHT = {'t', 'h'};

    private final LedgerStore store;

    public TransientStore(LedgerStore store) {
        this.store = store;
    }

    /** Keeps a proposal's private write set, simulated at ledger height {@code height}. */
    public void persist(String txId, long height, TxPvtReadWriteSet privateWrites) throws LedgerStoreException {
        byte[] bytes = privateWrites.toByteArray();
        byte[] id = Sha256.of(bytes);
        Batch batch = new Batch();
        batch.put(Keys.concat(txPrefix(txId), id), Keys.concat(Keys.orderPreserving(height), bytes));
        batch.put(Keys.concat(BY_HEIGHT, Keys.orderPreserving(height), lengthPrefixed(txId), id), new byte[0]);
        store.write(batch);
    }

    /** Every entry kept for {@code txId}. */
    public List<TransientEntry> entries(String txId) throws LedgerStoreException {
        return entries(store, txId);
    }

    /** Every entry {@code reader} holds for {@code txId}. */
    public List<TransientEntry> entries(StoreReader reader, String txId) throws LedgerStoreException {
        byte[] prefix = txPrefix(txId);
        List<byte[]> values = new ArrayList<>();
        reader.scan(prefix, Keys.prefixEnd(prefix), (key, value) -> values.add(value));
        List<TransientEntry> entries = new ArrayList<>(values.size());
        for (byte[] value : values) {
            int[] length = new int[1];
            long height = Keys.readOrderPreserving(value, 0, length);
            try {
                entries.add(new TransientEntry(height, TxPvtReadWriteSet.parseFrom(
                        ByteString.copyFrom(value, length[0], value.length - length[0]))));
            } catch (InvalidProtocolBufferException e) {
                throw new LedgerStoreException("a transient entry of transaction " + txId + " is corrupted: "
                        + e.getMessage(), e);
            }
        }
        return entries;
    }

    /** Adds to {@code batch} the removal of every entry of these transactions (their block is being committed). */
    public void purgeTransactions(Iterable<String> txIds, Batch batch) throws LedgerStoreException {
        boolean[] any = {false};
        store.scan(DATA, Keys.prefixEnd(DATA), (key, value) -> {
            any[0] = true;
            return false;
        });
        if (!any[0]) {
            return; // the common case on a peer without private data: one seek instead of one per transaction
        }
        for (String txId : txIds) {
            byte[] prefix = txPrefix(txId);
            store.scan(prefix, Keys.prefixEnd(prefix), (key, value) -> {
                byte[] id = Arrays.copyOfRange(key, prefix.length, key.length);
                long height = Keys.readOrderPreserving(value, 0, new int[1]);
                batch.delete(key);
                batch.delete(Keys.concat(BY_HEIGHT, Keys.orderPreserving(height), lengthPrefixed(txId), id));
                return true;
            });
        }
    }

    /** Adds to {@code batch} the removal of every entry simulated at a height below {@code height}. */
    public void purgeEndorsedBelow(long height, Batch batch) throws LedgerStoreException {
        if (height <= 0) {
            return;
        }
        byte[] end = Keys.concat(BY_HEIGHT, Keys.orderPreserving(height));
        store.scan(BY_HEIGHT, end, (key, value) -> {
            int[] length = new int[1];
            int offset = BY_HEIGHT.length;
            Keys.readOrderPreserving(key, offset, length);
            offset += length[0];
            int idLength = (int) Keys.readOrderPreserving(key, offset, length);
            offset += length[0];
            String txId = new String(key, offset, idLength, StandardCharsets.UTF_8);
            byte[] id = Arrays.copyOfRange(key, offset + idLength, key.length);
            batch.delete(key);
            batch.delete(Keys.concat(txPrefix(txId), id));
            return true;
        });
    }

    private static byte[] txPrefix(String txId) {
        return Keys.concat(DATA, lengthPrefixed(txId));
    }

    /** The txid with its length first, so that no txid's range contains another's. */
    private static byte[] lengthPrefixed(String txId) {
        byte[] id = txId.getBytes(StandardCharsets.UTF_8);
        return Keys.concat(Keys.orderPreserving(id.length), id);
    }

}
