package weft.api.validation;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A read view of committed state for a validation plugin. Every read that fails for a local reason throws
 * {@link ExecutionFailureException}, which a plugin lets propagate: the peer then cannot decide, and says so.
 * <pre>{@code
 * try (State state = stateFetcher.fetchState()) {
 *     Map<String, ByteString> metadata = state.getStateMetadata("basic", "asset1");
 *     ByteString keyPolicy = metadata.get("VALIDATION_PARAMETER");
 * }
 * }</pre>
 */
@ProviderType
public interface State extends AutoCloseable {

    /** The committed values of {@code keys} in {@code namespace}; keys without a value are absent from the map. */
    Map<String, ByteString> getStateMultipleKeys(String namespace, List<String> keys)
            throws ExecutionFailureException;

    /**
     * The committed keys of {@code namespace} from {@code startKey} (inclusive) to {@code endKey} (exclusive),
     * in key order; an empty {@code endKey} means "to the end". Close the iterator when done.
     */
    KeyValueIterator getStateRangeScanIterator(String namespace, String startKey, String endKey)
            throws ExecutionFailureException;

    /** The metadata entries (name to value) of a committed key, e.g. {@code VALIDATION_PARAMETER}; empty if none. */
    Map<String, ByteString> getStateMetadata(String namespace, String key) throws ExecutionFailureException;

    /**
     * The metadata entries of a private key, named by the SHA-256 hash of the key.
     *
     * @throws CollectionConfigException when the collection is not defined or its name is invalid; these are
     *                                   deterministic and a plugin treats them as "no metadata"
     */
    Map<String, ByteString> getPrivateDataMetadataByHash(String namespace, String collection, ByteString keyHash)
            throws ExecutionFailureException, CollectionConfigException;

    /** Releases the view. */
    @Override
    void close();
}
