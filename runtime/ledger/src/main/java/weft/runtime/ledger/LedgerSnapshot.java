package weft.runtime.ledger;

import java.util.List;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStore;

/**
 * A consistent, read-only view of a channel's ledger at one block: world state, the txid index and key history,
 * as the endorser simulates against. It is a LevelDB snapshot, so commits go on while it is open (the ledger
 * writes each block's state, indexes and history in one atomic batch, so the view never shows half a block).
 * Not thread-safe to close while in use; close it once when done.
 */
public final class LedgerSnapshot implements AutoCloseable {

    private final ChannelLedger ledger;
    private final LedgerStore.Snapshot snapshot;
    private final WorldState state;

    LedgerSnapshot(ChannelLedger ledger, LedgerStore.Snapshot snapshot) {
        this.ledger = ledger;
        this.snapshot = snapshot;
        this.state = new WorldState(snapshot);
    }

    public String channelId() {
        return ledger.channelId();
    }

    /** World state as of this view. */
    public WorldState state() {
        return state;
    }

    /** The number of blocks whose state this view holds (0 for an empty ledger). */
    public long height() throws LedgerException {
        return ledger.checkpoint(snapshot).map(last -> last + 1).orElse(0L);
    }

    /**
     * Whether this peer is a member of {@code collection} of chaincode {@code namespace} as of this view, so holds
     * its clear values in {@link weft.runtime.ledger.state.PrivateState}.
     */
    public boolean isCollectionMember(String namespace, String collection) throws LedgerException {
        return ledger.isCollectionMember(namespace, collection, state);
    }

    /** Whether a transaction with this txid was committed (valid or not) as of this view. */
    public boolean txIdExists(String txId) throws LedgerException {
        return ledger.txIdExists(snapshot, txId);
    }

    /** Every committed write of a key as of this view, oldest first. */
    public List<KeyModification> history(String namespace, String key) throws LedgerException {
        return ledger.history(snapshot, namespace, key);
    }

    @Override
    public void close() {
        snapshot.close();
    }
}
