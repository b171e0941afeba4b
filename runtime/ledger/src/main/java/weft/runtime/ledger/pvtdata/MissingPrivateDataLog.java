package weft.runtime.ledger.pvtdata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import weft.runtime.ledger.store.Batch;
import weft.runtime.ledger.store.Keys;
import weft.runtime.ledger.store.LedgerStoreException;
import weft.runtime.ledger.store.StoreReader;

/**
 * Where the ledger records {@link MissingPrivateData}: key {@code 'p' 'm' block tx namespace collection} (numbers
 * order-preserving, names length-prefixed), value the reason, written in the block's own batch.
 */
public final class MissingPrivateDataLog {

    private static final byte[] PREFIX = {'p', 'm'};

    private MissingPrivateDataLog() {
    }

    public static void record(MissingPrivateData missing, Batch batch) {
        batch.put(Keys.concat(PREFIX, Keys.orderPreserving(missing.blockNum()), Keys.orderPreserving(missing.txNum()),
                        lengthPrefixed(missing.namespace()), lengthPrefixed(missing.collection())),
                missing.reason().getBytes(StandardCharsets.UTF_8));
    }

    /** What is recorded missing for blocks {@code fromBlock} (inclusive) to {@code toBlock} (exclusive). */
    public static List<MissingPrivateData> read(StoreReader reader, long fromBlock, long toBlock)
            throws LedgerStoreException {
        List<MissingPrivateData> found = new ArrayList<>();
        reader.scan(Keys.concat(PREFIX, Keys.orderPreserving(fromBlock)), Keys.concat(PREFIX, Keys.orderPreserving(toBlock)),
                (key, value) -> {
                    int[] length = new int[1];
                    int offset = PREFIX.length;
                    long block = Keys.readOrderPreserving(key, offset, length);
                    offset += length[0];
                    long tx = Keys.readOrderPreserving(key, offset, length);
                    offset += length[0];
                    int nsLength = (int) Keys.readOrderPreserving(key, offset, length);
                    offset += length[0];
                    String namespace = new String(key, offset, nsLength, StandardCharsets.UTF_8);
                    offset += nsLength;
                    int collLength = (int) Keys.readOrderPreserving(key, offset, length);
                    offset += length[0];
                    String collection = new String(key, offset, collLength, StandardCharsets.UTF_8);
                    found.add(new MissingPrivateData(block, tx, namespace, collection,
                            new String(value, StandardCharsets.UTF_8)));
                    return true;
                });
        return found;
    }

    private static byte[] lengthPrefixed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Keys.concat(Keys.orderPreserving(bytes.length), bytes);
    }
}
