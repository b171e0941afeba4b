package weft.runtime.ledger.store;

import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Writes to apply atomically, in key order; a null value deletes the key. The last write to a key wins. */
public final class Batch {

    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Keys::compare);

    public Batch put(byte[] key, byte[] value) {
        writes.put(key, value);
        return this;
    }

    public Batch delete(byte[] key) {
        writes.put(key, null);
        return this;
    }

    public int size() {
        return writes.size();
    }

    void forEach(BiConsumer<byte[], byte[]> action) {
        writes.forEach(action);
    }
}
