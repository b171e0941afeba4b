package weft.runtime.ledger.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of keys in the state database: by UTF-8 bytes, unsigned, as LevelDB sorts them. Java's own String
 * order differs for characters above U+FFFF (Fabric's composite keys end with U+10FFFF), so range logic uses this.
 */
public final class KeyOrder {

    public static final Comparator<String> COMPARATOR = KeyOrder::compare;

    private KeyOrder() {
    }

    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
