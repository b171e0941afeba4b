package weft.plugins.ordering.raft;

import java.nio.ByteBuffer;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The records this consenter puts in the Raft log and asks of a state machine. An ENVELOPE entry carries one
 * broadcast envelope, an ENVELOPES entry several (those a node received at about the same time); a CUT entry, proposed by the leader when BatchTimeout passes, cuts the pending batch into
 * block {@code n} — if block {@code n} is still the next one, so that a stale CUT does nothing. Because cutting
 * happens only on applying entries, every node cuts the same blocks.
 */
final class Entries {

    static final byte ENVELOPE = 1;
    static final byte CUT = 2;
    static final byte QUERY_BLOCK = 3;
    static final byte ENVELOPES = 4;

    private Entries() {
    }

    /** Several envelopes in one entry, in order: one Raft round trip and one log write for all of them. */
    static Message envelopes(java.util.List<com.google.protobuf.ByteString> envelopes) {
        int size = 5;
        for (com.google.protobuf.ByteString envelope : envelopes) {
            size += 4 + envelope.size();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(ENVELOPES).putInt(envelopes.size());
        for (com.google.protobuf.ByteString envelope : envelopes) {
            buffer.putInt(envelope.size());
            envelope.copyTo(buffer);
        }
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(buffer.array()));
    }

    /** The envelopes of an ENVELOPES entry. */
    static java.util.List<com.google.protobuf.ByteString> envelopesOf(ByteString entry) {
        ByteBuffer buffer = entry.asReadOnlyByteBuffer();
        buffer.get();
        int count = buffer.getInt();
        java.util.List<com.google.protobuf.ByteString> envelopes = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = buffer.getInt();
            ByteBuffer slice = buffer.slice();
            slice.limit(length);
            envelopes.add(com.google.protobuf.ByteString.copyFrom(slice));
            buffer.position(buffer.position() + length);
        }
        return envelopes;
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
