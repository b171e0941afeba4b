package weft.runtime.committer.dependencies;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import weft.api.validation.CollectionConfigException;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.KeyValueIterator;
import weft.api.validation.State;
import weft.api.validation.StateFetcher;
import weft.runtime.ledger.state.HashedState;
import weft.runtime.ledger.state.MetadataHint;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * Gives validation plugins the channel's committed state: while a block is validated the ledger still holds the
 * state before it, which is what every peer validates against. A read that fails is an execution failure.
 * Clear private values ({@code <chaincode>$$p<collection>}) read as absent: only member peers hold them, so a
 * verdict that depended on them would differ from peer to peer.
 */
public final class CommittedStateFetcher implements StateFetcher {

    private final WorldState state;
    private final MetadataHint metadataHint;

    public CommittedStateFetcher(WorldState state, MetadataHint metadataHint) {
        this.state = state;
        this.metadataHint = metadataHint;
    }

    private static boolean isPrivate(String namespace) {
        return namespace.contains("$$p");
    }

    @Override
    public State fetchState() {
        return new State() {
            @Override
            public Map<String, ByteString> getStateMultipleKeys(String namespace, List<String> keys)
                    throws ExecutionFailureException {
                Map<String, ByteString> values = new LinkedHashMap<>();
                for (String key : keys) {
                    read(namespace, key).ifPresent(v -> values.put(key, v.value()));
                }
                return values;
            }

            @Override
            public KeyValueIterator getStateRangeScanIterator(String namespace, String startKey, String endKey)
                    throws ExecutionFailureException {
                List<KV> results = new ArrayList<>();
                try {
                    if (isPrivate(namespace)) {
                        return emptyIterator();
                    }
                    state.range(namespace, startKey, endKey, (key, value) -> results.add(KV.newBuilder()
                            .setNamespace(namespace).setKey(key).setValue(value.value()).build()));
                } catch (LedgerStoreException e) {
                    throw new ExecutionFailureException("state range scan of " + namespace + " failed: " + e.getMessage(), e);
                }
                return iterator(results);
            }

            private KeyValueIterator emptyIterator() {
                return iterator(List.of());
            }

            private KeyValueIterator iterator(List<KV> results) {
                Iterator<KV> iterator = results.iterator();
                return new KeyValueIterator() {
                    @Override
                    public boolean hasNext() {
                        return iterator.hasNext();
                    }

                    @Override
                    public KV next() {
                        return iterator.next();
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public Map<String, ByteString> getStateMetadata(String namespace, String key) throws ExecutionFailureException {
                if (!metadataHint.mayHaveMetadata(namespace)) {
                    return Map.of();
                }
                return read(namespace, key).map(VersionedValue::metadata).orElse(Map.of());
            }

            @Override
            public Map<String, ByteString> getPrivateDataMetadataByHash(String namespace, String collection,
                                                                        ByteString keyHash)
                    throws ExecutionFailureException, CollectionConfigException {
                String hashedNamespace = HashedState.namespace(namespace, collection);
                if (!metadataHint.mayHaveMetadata(hashedNamespace)) {
                    return Map.of();
                }
                return read(hashedNamespace, HashedState.key(keyHash)).map(VersionedValue::metadata).orElse(Map.of());
            }

            @Override
            public void close() {
            }

            private Optional<VersionedValue> read(String namespace, String key) throws ExecutionFailureException {
                if (isPrivate(namespace)) {
                    return Optional.empty();
                }
                try {
                    return state.get(namespace, key);
                } catch (LedgerStoreException e) {
                    throw new ExecutionFailureException("state read of " + namespace + "/" + key + " failed: "
                            + e.getMessage(), e);
                }
            }
        };
    }
}
