package weft.runtime.ledger.state;

import java.util.Optional;
import weft.runtime.ledger.store.Keys;
import weft.runtime.ledger.store.LedgerStoreException;
import weft.runtime.ledger.store.StoreReader;

/** Reads the committed world state of a channel: live, or as of a snapshot ({@link weft.runtime.ledger.LedgerSnapshot}). */
public final class WorldState {

    /** Receives range-scan results in key order; returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(String key, VersionedValue value);
    }

    private final StoreReader store;

    public WorldState(StoreReader store) {
        this.store = store;
    }

    public Optional<VersionedValue> get(String namespace, String key) throws LedgerStoreException {
        return store.get(StateKeys.key(namespace, key)).map(VersionedValue::decode);
    }

    /** Keys of {@code namespace} from {@code startKey} (inclusive) to {@code endKey} (exclusive; "" = no end). */
    public void range(String namespace, String startKey, String endKey, Visitor visitor) throws LedgerStoreException {
        byte[] from = StateKeys.key(namespace, startKey);
        byte[] to = endKey.isEmpty() ? Keys.prefixEnd(StateKeys.namespaceStart(namespace))
                : StateKeys.key(namespace, endKey);
        store.scan(from, to, (key, value) -> visitor.visit(StateKeys.keyOf(key, namespace), VersionedValue.decode(value)));
    }
}
