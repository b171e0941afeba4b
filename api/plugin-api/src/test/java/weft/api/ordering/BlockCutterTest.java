package weft.api.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hyperledger.fabric.protos.common.Envelope;
import org.junit.jupiter.api.Test;

class BlockCutterTest {

    /** An envelope that Fabric's cutter counts as {@code size} bytes (payload + signature). */
    private static ByteString envelope(String name, int size) {
        byte[] payload = new byte[size - 8];
        byte[] tag = name.getBytes();
        System.arraycopy(tag, 0, payload, 0, Math.min(tag.length, payload.length));
        return Envelope.newBuilder().setPayload(ByteString.copyFrom(payload))
                .setSignature(ByteString.copyFrom(new byte[8])).build().toByteString();
    }

    @Test
    void countsPayloadAndSignatureBytesAsFabricDoes() {
        assertEquals(100, BlockCutter.messageSize(envelope("a", 100)));
    }

    @Test
    void cutsWhenTheBatchReachesMaxMessageCount() {
        BlockCutter cutter = new BlockCutter(new BatchSize(3, 10_000, 1_000));
        assertEquals(List.of(), cutter.ordered(envelope("1", 10)).batches());
        assertTrue(cutter.ordered(envelope("2", 10)).pending());
        BlockCutter.Result third = cutter.ordered(envelope("3", 10));

        assertEquals(1, third.batches().size());
        assertEquals(3, third.batches().get(0).size());
        assertFalse(third.pending(), "nothing waits after a full batch");
    }

    @Test
    void cutsThePendingBatchBeforeAnEnvelopeThatWouldPassPreferredMaxBytes() {
        BlockCutter cutter = new BlockCutter(new BatchSize(10, 10_000, 250));
        ByteString a = envelope("a", 100);
        ByteString b = envelope("b", 100);
        ByteString c = envelope("c", 100);
        cutter.ordered(a);
        cutter.ordered(b);
        BlockCutter.Result result = cutter.ordered(c);

        assertEquals(List.of(List.of(a, b)), result.batches());
        assertEquals(List.of(c), cutter.pending());
        assertTrue(result.pending());
    }

    @Test
    void anEnvelopeExactlyFillingPreferredMaxBytesStaysInTheBatch() {
        BlockCutter cutter = new BlockCutter(new BatchSize(10, 10_000, 200));
        cutter.ordered(envelope("a", 100));
        BlockCutter.Result result = cutter.ordered(envelope("b", 100));

        assertEquals(List.of(), result.batches());
        assertEquals(2, cutter.pending().size());
    }

    @Test
    void anEnvelopeLargerThanPreferredMaxBytesGetsABlockOfItsOwnAfterThePendingBatch() {
        BlockCutter cutter = new BlockCutter(new BatchSize(10, 10_000, 250));
        ByteString small = envelope("small", 50);
        ByteString large = envelope("large", 300);
        cutter.ordered(small);
        BlockCutter.Result result = cutter.ordered(large);

        assertEquals(List.of(List.of(small), List.of(large)), result.batches());
        assertFalse(result.pending());
        assertEquals(List.of(), cutter.pending());
    }

    @Test
    void anOversizedEnvelopeWithNothingPendingIsCutAlone() {
        BlockCutter cutter = new BlockCutter(new BatchSize(10, 10_000, 250));
        ByteString large = envelope("large", 300);
        assertEquals(List.of(List.of(large)), cutter.ordered(large).batches());
    }

    @Test
    void cutOnTimeoutReturnsThePendingEnvelopesInOrderAndEmptiesTheBatch() {
        BlockCutter cutter = new BlockCutter(new BatchSize(10, 10_000, 1_000));
        ByteString a = envelope("a", 10);
        ByteString b = envelope("b", 10);
        cutter.ordered(a);
        cutter.ordered(b);

        assertEquals(List.of(a, b), cutter.cut());
        assertEquals(List.of(), cutter.cut(), "a second cut has nothing to cut");
    }

    @Test
    void theSameEnvelopesInTheSameOrderGiveTheSameBatches() {
        Random random = new Random(7);
        List<ByteString> envelopes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            envelopes.add(envelope("e" + i, 10 + random.nextInt(400)));
        }
        BatchSize size = new BatchSize(17, 10_000, 1_500);
        assertEquals(batches(size, envelopes), batches(size, envelopes));

        List<List<ByteString>> batches = batches(size, envelopes);
        assertEquals(envelopes, batches.stream().flatMap(List::stream).toList(), "every envelope once, in order");
        for (List<ByteString> batch : batches) {
            assertTrue(batch.size() <= 17, "MaxMessageCount holds");
            long bytes = batch.stream().mapToLong(BlockCutter::messageSize).sum();
            assertTrue(batch.size() == 1 || bytes <= 1_500, "PreferredMaxBytes holds for multi-envelope blocks");
        }
    }

    @Test
    void refusesInconsistentBatchSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchSize(10, 100, 200));
        assertTrue(e.getMessage().contains("PreferredMaxBytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchSize(0, 100, 50));
    }

    private static List<List<ByteString>> batches(BatchSize size, List<ByteString> envelopes) {
        BlockCutter cutter = new BlockCutter(size);
        List<List<ByteString>> batches = new ArrayList<>();
        for (ByteString envelope : envelopes) {
            batches.addAll(cutter.ordered(envelope).batches());
        }
        List<ByteString> rest = cutter.cut();
        if (!rest.isEmpty()) {
            batches.add(rest);
        }
        return batches;
    }
}
