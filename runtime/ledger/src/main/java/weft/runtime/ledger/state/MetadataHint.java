package weft.runtime.ledger.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import weft.runtime.ledger.store.Batch;
import weft.runtime.ledger.store.Keys;
import weft.runtime.ledger.store.LedgerStore;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * The namespaces in which some key has ever carried metadata (a key-level endorsement policy). Validation asks
 * for the metadata of every key a transaction writes; in a namespace that has never used key-level policies the
 * answer is known to be empty without a read, which is most namespaces (Fabric's state database keeps the same
 * hint). The hint only ever grows, and it is written in the same batch as the state it describes, so a namespace
 * is never missing from it while one of its keys has metadata.
 */
public final class MetadataHint {

    static final byte[] PREFIX = Keys.concat((byte) 'm', "metadata-hint", (byte) 0);
    /** Written once the hint is complete; a ledger without it (made before the hint existed) is scanned once. */
    static final byte[] COMPLETE = Keys.concat((byte) 'm', "metadata-hint-complete");

    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();

    private MetadataHint() {
    }

    /** Reads the hint of a ledger's store, building it from the state when the store predates it. */
    public static MetadataHint load(LedgerStore store) throws LedgerStoreException {
        MetadataHint hint = new MetadataHint();
        if (store.get(COMPLETE).isPresent()) {
            store.scan(PREFIX, Keys.prefixEnd(PREFIX), (key, value) -> {
                hint.namespaces.add(new String(Arrays.copyOfRange(key, PREFIX.length, key.length), StandardCharsets.UTF_8));
                return true;
            });
            return hint;
        }
        byte[] stateStart = {StateKeys.PREFIX};
        store.scan(stateStart, Keys.prefixEnd(stateStart), (key, value) -> {
            if (!VersionedValue.decode(value).metadata().isEmpty()) {
                hint.namespaces.add(StateKeys.namespaceOf(key));
            }
            return true;
        });
        Batch batch = new Batch();
        hint.namespaces.forEach(namespace -> batch.put(key(namespace), new byte[0]));
        batch.put(COMPLETE, new byte[0]);
        store.write(batch);
        return hint;
    }

    /** False when no key of {@code namespace} has ever had metadata, so a metadata read can be skipped. */
    public boolean mayHaveMetadata(String namespace) {
        return namespaces.contains(namespace);
    }

    /**
     * Adds the namespaces in which {@code updates} write metadata to the hint and to {@code batch}. The in-memory
     * hint grows before the batch is written: should the write fail, the worst outcome is a needless read.
     */
    public void record(StateUpdates updates, Batch batch) {
        updates.all().forEach((key, value) -> {
            Optional<VersionedValue> written = value;
            if (written.isPresent() && !written.get().metadata().isEmpty() && namespaces.add(key.namespace())) {
                batch.put(key(key.namespace()), new byte[0]);
            }
        });
    }

    private static byte[] key(String namespace) {
        return Keys.concat(PREFIX, namespace);
    }
}
