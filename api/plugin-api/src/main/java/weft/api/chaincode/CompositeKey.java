package weft.api.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A key built from an object type and attributes, in Fabric's encoding ({@code U+0000 type U+0000 attr1 U+0000
 * ...}), so that all keys of one type, or with the same leading attributes, can be read with one
 * partial-key query. Keys written this way are compatible with Fabric chaincode.
 * <pre>{@code
 * CompositeKey key = CompositeKey.of("owner~asset", "alice", "asset7");
 * stub.putState(key.toString(), value);
 * try (QueryResults<KeyValue> mine = stub.getStateByPartialCompositeKey(CompositeKey.of("owner~asset", "alice"))) { ... }
 * }</pre>
 */
public record CompositeKey(String objectType, List<String> attributes) {

    /** Starts every composite key, which keeps them apart from simple keys in range queries. */
    public static final char NAMESPACE = '\u0000';
    private static final int MAX_UNICODE = 0x10FFFF;

    public CompositeKey {
        Objects.requireNonNull(objectType, "objectType");
        attributes = List.copyOf(attributes);
        checkPart("object type", objectType);
        if (objectType.isEmpty()) {
            throw new IllegalArgumentException("composite key object type must not be empty");
        }
        for (String attribute : attributes) {
            checkPart("attribute", attribute);
        }
    }

    public static CompositeKey of(String objectType, String... attributes) {
        return new CompositeKey(objectType, List.of(attributes));
    }

    /**
     * Parses a composite key written by {@link #toString()}.
     *
     * @throws IllegalArgumentException when {@code key} is not a composite key
     */
    public static CompositeKey parse(String key) {
        if (key.length() < 2 || key.charAt(0) != NAMESPACE || key.charAt(key.length() - 1) != NAMESPACE) {
            throw new IllegalArgumentException("not a composite key: " + printable(key));
        }
        List<String> parts = new ArrayList<>();
        int start = 1;
        for (int i = 1; i < key.length(); i++) {
            if (key.charAt(i) == NAMESPACE) {
                parts.add(key.substring(start, i));
                start = i + 1;
            }
        }
        return new CompositeKey(parts.get(0), parts.subList(1, parts.size()));
    }

    /** The encoded key: what {@link ChaincodeStub#putState} takes. */
    @Override
    public String toString() {
        StringBuilder key = new StringBuilder().append(NAMESPACE).append(objectType).append(NAMESPACE);
        for (String attribute : attributes) {
            key.append(attribute).append(NAMESPACE);
        }
        return key.toString();
    }

    private static void checkPart(String what, String part) {
        Objects.requireNonNull(part, what);
        part.codePoints().forEach(cp -> {
            if (cp == NAMESPACE || cp == MAX_UNICODE) {
                throw new IllegalArgumentException("composite key " + what + " '" + printable(part)
                        + "' contains U+" + String.format("%04X", cp) + ", which composite keys reserve");
            }
        });
    }

    private static String printable(String key) {
        return key.replace(NAMESPACE, '\u2400');
    }
}
