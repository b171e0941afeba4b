package weft.api.validation;

import com.google.protobuf.ByteString;
import java.util.Objects;
import java.util.Set;

/**
 * The keys whose validation parameter (key-level endorsement policy) an earlier valid transaction of the same
 * block has written. Their committed policy is about to change, so a later write to them cannot be checked
 * against it: Fabric invalidates such a write, and so must every plugin that honours key-level policies. The
 * committer works this out in block order and passes it with every {@code validate} call.
 */
public record UpdatedValidationParameters(Set<Key> keys) implements ContextDatum {

    /**
     * A key of a namespace: for public state {@code collection} is empty and {@code key} holds the key's UTF-8
     * bytes; for private data {@code key} is the SHA-256 hash of the key.
     */
    public record Key(String namespace, String collection, ByteString key) {
        public Key {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
        }
    }

    /** None updated. */
    public static final UpdatedValidationParameters NONE = new UpdatedValidationParameters(Set.of());

    public UpdatedValidationParameters {
        keys = Set.copyOf(keys);
    }

    public boolean contains(String namespace, String collection, ByteString key) {
        return keys.contains(new Key(namespace, collection, key));
    }
}
