package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import weft.runtime.lifecycle.state.StateSerializer;

/**
 * Committed state of one namespace for tests: public values, private values where "this peer" holds them, and
 * private hashes for every collection (as every peer of a channel has them), keyed by key hash as the ledger
 * keeps them.
 */
final class MemoryLedger {

    final TreeMap<String, ByteString> publicState = new TreeMap<>();
    final Map<String, TreeMap<String, ByteString>> privateValues = new HashMap<>();
    final Map<String, Map<ByteString, ByteString>> privateHashes = new HashMap<>();

    ByteString get(String key) {
        return publicState.getOrDefault(key, ByteString.EMPTY);
    }

    ByteString privateValue(String collection, String key) {
        TreeMap<String, ByteString> values = privateValues.get(collection);
        return values == null ? ByteString.EMPTY : values.getOrDefault(key, ByteString.EMPTY);
    }

    ByteString privateHash(String collection, String key) {
        Map<ByteString, ByteString> hashes = privateHashes.get(collection);
        return hashes == null ? ByteString.EMPTY
                : hashes.getOrDefault(StateSerializer.sha256(ByteString.copyFromUtf8(key)), ByteString.EMPTY);
    }

    void putPublic(String key, ByteString value) {
        if (value.isEmpty()) {
            publicState.remove(key);
        } else {
            publicState.put(key, value);
        }
    }

    /** A private write whose value this peer receives (it is a member of the collection). */
    void putPrivate(String collection, String key, ByteString value) {
        putHash(collection, StateSerializer.sha256(ByteString.copyFromUtf8(key)),
                value.isEmpty() ? ByteString.EMPTY : StateSerializer.sha256(value));
        if (value.isEmpty()) {
            privateValues.computeIfAbsent(collection, c -> new TreeMap<>()).remove(key);
        } else {
            privateValues.computeIfAbsent(collection, c -> new TreeMap<>()).put(key, value);
        }
    }

    /** A private write as every peer sees it: the key's and value's hashes (empty value hash: a delete). */
    void putHash(String collection, ByteString keyHash, ByteString valueHash) {
        Map<ByteString, ByteString> hashes = privateHashes.computeIfAbsent(collection, c -> new HashMap<>());
        if (valueHash.isEmpty()) {
            hashes.remove(keyHash);
        } else {
            hashes.put(keyHash, valueHash);
        }
    }
}
