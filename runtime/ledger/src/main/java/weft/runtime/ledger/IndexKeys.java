package weft.runtime.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import weft.runtime.ledger.blockfile.FileLocation;
import weft.runtime.ledger.store.Keys;

/**
 * The ledger's index and bookkeeping keys. Numbers use Fabric's order-preserving encoding so that LevelDB's byte
 * order is numeric order. Keys and txids carry their length, so that a key that extends another (composite keys
 * contain 0x00) never falls into the other's range.
 */
final class IndexKeys {

    static final byte[] CHECKPOINT = Keys.concat((byte) 'm', "checkpoint");

    private IndexKeys() {
    }

    static byte[] blockNumber(long number) {
        return Keys.concat((byte) 'i', (byte) 'n', Keys.orderPreserving(number));
    }

    static byte[] blockHash(ByteString hash) {
        return Keys.concat((byte) 'i', (byte) 'h', hash.toByteArray());
    }

    static byte[] txIdPrefix(String txId) {
        byte[] id = txId.getBytes(StandardCharsets.UTF_8);
        return Keys.concat((byte) 'i', (byte) 't', Keys.orderPreserving(id.length), id);
    }

    /** Present once any transaction with this txid is committed: a point read for the duplicate check. */
    static byte[] txIdSeen(String txId) {
        return Keys.concat((byte) 'i', (byte) 'x', txId);
    }

    static byte[] txId(String txId, long blockNum, long txNum) {
        return Keys.concat(txIdPrefix(txId), Keys.orderPreserving(blockNum), Keys.orderPreserving(txNum));
    }

    static byte[] blockTransaction(long blockNum, long txNum) {
        return Keys.concat((byte) 'i', (byte) 'a', Keys.orderPreserving(blockNum), Keys.orderPreserving(txNum));
    }

    static byte[] historyPrefix(String namespace, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return Keys.concat((byte) 'h', namespace, (byte) 0, Keys.orderPreserving(k.length), k);
    }

    static byte[] history(String namespace, String key, long blockNum, long txNum) {
        return Keys.concat(historyPrefix(namespace, key), Keys.orderPreserving(blockNum), Keys.orderPreserving(txNum));
    }

    /** (block, tx) at the end of a history key. */
    static long[] historyPosition(byte[] historyKey, int prefixLength) {
        int[] length = new int[1];
        long block = Keys.readOrderPreserving(historyKey, prefixLength, length);
        long tx = Keys.readOrderPreserving(historyKey, prefixLength + length[0], length);
        return new long[] {block, tx};
    }

    static byte[] location(FileLocation location) {
        return encode(location.fileSuffix(), location.offset(), location.length());
    }

    static FileLocation location(byte[] stored) {
        long[] v = decode(stored, 3);
        return new FileLocation((int) v[0], v[1], (int) v[2]);
    }

    /** A transaction's index entry: block, position, validation code and where its envelope lies. */
    record TxEntry(long blockNum, long txNum, int validationCode, FileLocation location) {

        byte[] encode() {
            return IndexKeys.encode(blockNum, txNum, validationCode, location.fileSuffix(), location.offset(),
                    location.length());
        }

        static TxEntry decode(byte[] stored) {
            long[] v = IndexKeys.decode(stored, 6);
            return new TxEntry(v[0], v[1], (int) v[2], new FileLocation((int) v[3], v[4], (int) v[5]));
        }
    }

    private static byte[] encode(long... values) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(values.length * 4);
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        try {
            for (long value : values) {
                out.writeUInt64NoTag(value);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static long[] decode(byte[] stored, int count) {
        CodedInputStream in = CodedInputStream.newInstance(stored);
        long[] values = new long[count];
        try {
            for (int i = 0; i < count; i++) {
                values[i] = in.readUInt64();
            }
        } catch (IOException e) {
            throw new IllegalStateException("a ledger index entry is corrupted: " + e.getMessage(), e);
        }
        return values;
    }
}
