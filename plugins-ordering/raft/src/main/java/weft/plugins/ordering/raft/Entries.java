package weft.plugins.ordering.raft;

import java.nio.ByteBuffer;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The records this consenter puts in the Raft log and asks of a state machine. An ENVELOPE entry carries one
 * broadcast envelope; a CUT entry, proposed by the leader when BatchTimeout passes, cuts the pending batch into
 * block {@code n} — if block {@code n} is still the next one, so that a stale CUT does nothing. Because cutting
 * happens only on applying entries, every node cuts the same blocks.
 */
final class Entries {

    static final byte ENVELOPE = 1;
    static final byte CUT = 2;
    static final byte QUERY_BLOCK = 3;

    private Entries() {
    }

    static Message envelope(com.google.protobuf.ByteString envelope) {
        byte[] bytes = new byte[1 + envelope.size()];
        bytes[0] = ENVELOPE;
        envelope.copyTo(bytes, 1);
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes));
    }

    static Message cut(long blockNumber) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(ByteBuffer.allocate(9).put(CUT).putLong(blockNumber).array()));
    }

    static Message queryBlock(long blockNumber) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(
                ByteBuffer.allocate(9).put(QUERY_BLOCK).putLong(blockNumber).array()));
    }

    static byte type(ByteString entry) {
        return entry.isEmpty() ? 0 : entry.byteAt(0);
    }

    /** The envelope of an ENVELOPE entry, as the peer's protobuf type. */
    static com.google.protobuf.ByteString envelopeOf(ByteString entry) {
        return com.google.protobuf.UnsafeByteOperations.unsafeWrap(entry.substring(1).asReadOnlyByteBuffer());
    }

    /** The block number of a CUT or QUERY_BLOCK entry. */
    static long numberOf(ByteString entry) {
        return entry.asReadOnlyByteBuffer().getLong(1);
    }
}
