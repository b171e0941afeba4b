package weft.plugins.ordering.raft;

import com.google.protobuf.ByteString;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import weft.api.ordering.BatchSize;
import weft.api.ordering.BlockCutter;

/**
 * The replicated state of one channel's ordering, identical on every node after the same log entries: the next
 * block's number, the envelopes waiting in the block cutter, and the hashes of recently ordered envelopes (so
 * that an envelope a client retried after a failover is not ordered twice). Written to and read from a snapshot.
 */
final class OrderingState {

    /** How many recent envelope hashes are remembered; retries arrive within seconds, not thousands of blocks. */
    static final int RECENT = 50_000;

    private final BlockCutter cutter;
    private long nextNumber;
    private final LinkedHashSet<ByteString> recent = new LinkedHashSet<>();

    OrderingState(BatchSize batchSize, long nextNumber) {
        this.cutter = new BlockCutter(batchSize);
        this.nextNumber = nextNumber;
    }

    BlockCutter cutter() {
        return cutter;
    }

    long nextNumber() {
        return nextNumber;
    }

    /** Claims the number of the block being cut. */
    long takeNumber() {
        return nextNumber++;
    }

    /** Records an envelope; false when it was already ordered (a retried broadcast). */
    boolean firstTime(ByteString envelope) {
        ByteString hash = sha256(envelope);
        if (!recent.add(hash)) {
            return false;
        }
        if (recent.size() > RECENT) {
            Iterator<ByteString> oldest = recent.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    void write(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeLong(nextNumber);
        List<ByteString> pending = cutter.pending();
        out.writeInt(pending.size());
        for (ByteString envelope : pending) {
            out.writeInt(envelope.size());
            envelope.writeTo(out);
        }
        out.writeInt(recent.size());
        for (ByteString hash : recent) {
            hash.writeTo(out);
        }
        out.flush();
    }

    static OrderingState read(InputStream stream, BatchSize batchSize) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        OrderingState state = new OrderingState(batchSize, in.readLong());
        int pending = in.readInt();
        List<ByteString> envelopes = new ArrayList<>(pending);
        for (int i = 0; i < pending; i++) {
            byte[] envelope = new byte[in.readInt()];
            in.readFully(envelope);
            envelopes.add(ByteString.copyFrom(envelope));
        }
        // Feeding them back in their order rebuilds the cutter exactly: they did not complete a batch before.
        for (ByteString envelope : envelopes) {
            if (!state.cutter.ordered(envelope).batches().isEmpty()) {
                throw new IOException("the snapshot's pending envelopes do not fit the channel's BatchSize");
            }
        }
        int recent = in.readInt();
        for (int i = 0; i < recent; i++) {
            byte[] hash = new byte[32];
            in.readFully(hash);
            state.recent.add(ByteString.copyFrom(hash));
        }
        return state;
    }

    static ByteString sha256(ByteString bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes.asReadOnlyByteBuffer());
            return ByteString.copyFrom(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
