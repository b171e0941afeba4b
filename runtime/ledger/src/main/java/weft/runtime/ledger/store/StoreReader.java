package weft.runtime.ledger.store;

import java.util.Optional;
import java.util.function.BiPredicate;

/** Reads of a channel's LevelDB: the live store, or a snapshot of it. */
public interface StoreReader {

    Optional<byte[]> get(byte[] key) throws LedgerStoreException;

    /**
     * Visits the entries from {@code from} (inclusive) to {@code to} (exclusive) in key order while the visitor
     * returns true.
     */
    void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) throws LedgerStoreException;
}
