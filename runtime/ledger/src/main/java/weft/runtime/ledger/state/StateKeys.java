package weft.runtime.ledger.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import weft.runtime.ledger.store.Keys;

/** Where state lives in the ledger's LevelDB: {@code 's' namespace 0x00 key}. */
final class StateKeys {

    static final byte PREFIX = 's';

    private StateKeys() {
    }

    static byte[] key(String namespace, String key) {
        return Keys.concat(PREFIX, namespace, (byte) 0, key);
    }

    static byte[] namespaceStart(String namespace) {
        return Keys.concat(PREFIX, namespace, (byte) 0);
    }

    /** The namespace of a stored state key. */
    static String namespaceOf(byte[] stored) {
        int end = 1;
        while (stored[end] != 0) {
            end++;
        }
        return new String(stored, 1, end - 1, StandardCharsets.UTF_8);
    }

    static String keyOf(byte[] stored, String namespace) {
        int start = 1 + namespace.getBytes(StandardCharsets.UTF_8).length + 1;
        return new String(Arrays.copyOfRange(stored, start, stored.length), StandardCharsets.UTF_8);
    }
}
