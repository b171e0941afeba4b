package weft.api.endorsement;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A read view of a channel's committed state for an endorsement plugin.
 * <pre>{@code
 * try (State state = stateFetcher.fetchState()) {
 *     Map<String, ByteString> values = state.getStateMultipleKeys("basic", List.of("asset1", "asset2"));
 * }
 * }</pre>
 */
@ProviderType
public interface State extends AutoCloseable {

    /** The committed values of {@code keys} in {@code namespace}; keys without a value are absent from the map. */
    Map<String, ByteString> getStateMultipleKeys(String namespace, List<String> keys) throws EndorsementException;

    /** The committed private values of {@code keys} in a collection; keys without a value are absent. */
    Map<String, ByteString> getPrivateDataMultipleKeys(String namespace, String collection, List<String> keys)
            throws EndorsementException;

    /** The private write sets held in the transient store for transaction {@code txId}. */
    List<TxPvtReadWriteSet> getTransientByTxId(String txId) throws EndorsementException;

    /** Releases the view. */
    @Override
    void close();
}
