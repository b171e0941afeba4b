package weft.runtime.ledger.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fabric's composite keys: {@code U+0000 objectType U+0000 attr1 U+0000 attr2 U+0000 …}. The leading U+0000
 * keeps them apart from simple keys; a partial key (a prefix of attributes) selects all keys that extend it,
 * up to {@code prefix + U+10FFFF}.
 */
public record CompositeKey(String objectType, List<String> attributes) {

    static final String SEPARATOR = "\u0000";
    static final String MAX_UNICODE = new String(Character.toChars(0x10FFFF));

    public CompositeKey {
        Objects.requireNonNull(objectType, "objectType");
        attributes = List.copyOf(attributes);
        check(objectType, "object type");
        for (String attribute : attributes) {
            check(attribute, "attribute");
        }
    }

    public static CompositeKey of(String objectType, String... attributes) {
        return new CompositeKey(objectType, List.of(attributes));
    }

    /** The key as stored in state. */
    public String encode() {
        StringBuilder key = new StringBuilder(SEPARATOR).append(objectType).append(SEPARATOR);
        for (String attribute : attributes) {
            key.append(attribute).append(SEPARATOR);
        }
        return key.toString();
    }

    /** The range [start, end) of all keys that begin with this (possibly partial) key, for a state range scan. */
    public String[] range() {
        String start = encode();
        return new String[] {start, start + MAX_UNICODE};
    }

    /** Splits a stored composite key; throws {@link IllegalArgumentException} for a key that is not composite. */
    public static CompositeKey decode(String key) {
        if (!key.startsWith(SEPARATOR) || !key.endsWith(SEPARATOR) || key.length() < 2) {
            throw new IllegalArgumentException("not a composite key: it must start and end with U+0000");
        }
        List<String> parts = new ArrayList<>(List.of(key.substring(1, key.length() - 1).split(SEPARATOR, -1)));
        return new CompositeKey(parts.remove(0), parts);
    }

    public static boolean isComposite(String key) {
        return key.startsWith(SEPARATOR);
    }

    private static void check(String part, String what) {
        for (int i = 0; i < part.length(); ) {
            int codePoint = part.codePointAt(i);
            if (codePoint == 0 || codePoint == 0x10FFFF) {
                throw new IllegalArgumentException("composite key " + what + " '" + part.replace("\u0000", "\\u0000")
                        + "' contains U+0000 or U+10FFFF, which Fabric reserves");
            }
            i += Character.charCount(codePoint);
        }
    }
}
