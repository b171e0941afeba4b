package weft.runtime.ledger.state;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import weft.runtime.ledger.store.Batch;

/**
 * The state changes of the valid transactions of one block, in the order they were applied; a key's last write
 * wins. Also the overlay that later transactions of the same block read through (MVCC).
 */
public final class StateUpdates {

    /** A key of a namespace, ordered by namespace then key (as LevelDB orders them). */
    public record Key(String namespace, String key) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byNamespace = namespace.compareTo(other.namespace);
            return byNamespace != 0 ? byNamespace : KeyOrder.compare(key, other.key);
        }
    }

    // Optional.empty() = deleted in this block
    private final NavigableMap<Key, Optional<VersionedValue>> changes = new TreeMap<>();

    public void put(String namespace, String key, VersionedValue value) {
        changes.put(new Key(namespace, key), Optional.of(value));
    }

    public void delete(String namespace, String key) {
        changes.put(new Key(namespace, key), Optional.empty());
    }

    /** Empty if this block has not touched the key; otherwise its value after this block (empty = deleted). */
    public Optional<Optional<VersionedValue>> lookup(String namespace, String key) {
        return Optional.ofNullable(changes.get(new Key(namespace, key)));
    }

    public boolean touches(String namespace, String key) {
        return changes.containsKey(new Key(namespace, key));
    }

    /** The changes of {@code namespace} in [start, end) ("" end = no end), in key order. */
    public NavigableMap<Key, Optional<VersionedValue>> range(String namespace, String start, String end) {
        Key from = new Key(namespace, start);
        return end.isEmpty()
                ? changes.tailMap(from, true).headMap(new Key(namespace + "\u0000", ""), false)
                : changes.subMap(from, true, new Key(namespace, end), false);
    }

    public Map<Key, Optional<VersionedValue>> all() {
        return changes;
    }

    public void writeTo(Batch batch) {
        changes.forEach((key, value) -> {
            byte[] stored = StateKeys.key(key.namespace(), key.key());
            if (value.isPresent()) {
                batch.put(stored, value.get().encode());
            } else {
                batch.delete(stored);
            }
        });
    }
}
