package weft.api.chaincode;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The results of a query, read lazily as the chaincode iterates. Close it (try-with-resources) when done; the
 * peer closes any left open when the invocation ends.
 * <pre>{@code
 * try (QueryResults<KeyValue> assets = stub.getStateByRange("", "")) {
 *     for (KeyValue kv : assets) { ... }
 * }
 * }</pre>
 */
@ProviderType
public interface QueryResults<T> extends Iterable<T>, AutoCloseable {

    @Override
    void close();
}
