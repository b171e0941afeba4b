package weft.runtime.lifecycle.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import org.junit.jupiter.api.Test;

/** Fabric's serializer rules: what is written, what is left alone, what is deleted, and how hashes compare. */
class StateSerializerTest {

    private final StateSerializer serializer = new StateSerializer();

    /** A map-backed state that records the writes of one "transaction". */
    static final class MapState implements WritableState, OpaqueState {
        final TreeMap<String, ByteString> committed = new TreeMap<>();
        final TreeMap<String, ByteString> writes = new TreeMap<>();

        @Override
        public ByteString get(String key) {
            return committed.getOrDefault(key, ByteString.EMPTY);
        }

        @Override
        public void put(String key, ByteString value) {
            writes.put(key, value);
        }

        @Override
        public void delete(String key) {
            writes.put(key, ByteString.EMPTY);
        }

        @Override
        public ByteString hash(String key) {
            ByteString value = get(key);
            return value.isEmpty() ? ByteString.EMPTY : StateSerializer.sha256(value);
        }

        @Override
        public String collection() {
            return "_implicit_org_Org1MSP";
        }

        void commit() {
            writes.forEach((k, v) -> {
                if (v.isEmpty()) {
                    committed.remove(k);
                } else {
                    committed.put(k, v);
                }
            });
            writes.clear();
        }
    }

    private static StateRecord record(String type, Map<String, String> fields) {
        return new StateRecord(type, fields.entrySet().stream()
                .map(e -> new StateField(e.getKey(), StateData.newBuilder().setString(e.getValue()).build())).toList());
    }

    @Test
    void writesEveryFieldAndTheMetadataTheFirstTime() throws Exception {
        MapState state = new MapState();
        serializer.serialize("namespaces", "cc", new ChaincodeLocalPackage("p:1").toRecord(), state);
        assertEquals(List.of("namespaces/fields/cc/PackageID", "namespaces/metadata/cc"), List.copyOf(state.writes.keySet()));
        assertEquals(StateMetadata.newBuilder().setDatatype("ChaincodeLocalPackage").addFields("PackageID").build(),
                StateMetadata.parseFrom(state.writes.get("namespaces/metadata/cc")));
        // StateData with an explicitly set string: field 3, then the bytes
        assertEquals(ByteString.copyFrom(new byte[] {0x1a, 3, 'p', ':', '1'}), state.writes.get("namespaces/fields/cc/PackageID"));
    }

    @Test
    void rewritesNothingWhenNothingChanged() throws Exception {
        MapState state = new MapState();
        StateRecord record = new ChaincodeLocalPackage("p:1").toRecord();
        serializer.serialize("namespaces", "cc", record, state);
        state.commit();
        serializer.serialize("namespaces", "cc", record, state);
        assertTrue(state.writes.isEmpty(), state.writes.toString());
    }

    @Test
    void deletesFieldsTheNewStructureNoLongerHasAndRewritesTheMetadata() throws Exception {
        MapState state = new MapState();
        serializer.serialize("namespaces", "x", record("Old", new TreeMap<>(Map.of("A", "1", "B", "2"))), state);
        state.commit();
        serializer.serialize("namespaces", "x", record("New", Map.of("A", "1")), state);
        assertEquals(Map.of("namespaces/fields/x/B", ByteString.EMPTY, "namespaces/metadata/x",
                StateMetadata.newBuilder().setDatatype("New").addFields("A").build().toByteString()), state.writes);
    }

    @Test
    void zeroValuesAreStoredExplicitly() throws Exception {
        MapState state = new MapState();
        serializer.serialize("namespaces", "cc", new ChaincodeDefinition(0, new ChaincodeParameters(
                org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo.getDefaultInstance(),
                org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo.getDefaultInstance(),
                org.hyperledger.fabric.protos.peer.CollectionConfigPackage.getDefaultInstance())).toRecord(), state);
        // the oneof is set even to zero: Int64 0 is 08 00, empty bytes 12 00 — what Fabric writes
        assertEquals(ByteString.copyFrom(new byte[] {0x08, 0}), state.writes.get("namespaces/fields/cc/Sequence"));
        assertEquals(ByteString.copyFrom(new byte[] {0x12, 0}), state.writes.get("namespaces/fields/cc/Collections"));
    }

    @Test
    void readsAbsentFieldsAsZeroAndRefusesTheWrongKind() throws Exception {
        MapState state = new MapState();
        assertEquals(0, serializer.int64Field("namespaces", "none", "Sequence", state));
        state.committed.put("namespaces/fields/cc/Sequence", StateData.newBuilder().setString("one").build().toByteString());
        StateException e = assertThrows(StateException.class,
                () -> serializer.int64Field("namespaces", "cc", "Sequence", state));
        assertTrue(e.getMessage().contains("namespaces/fields/cc/Sequence"), e.getMessage());

        StateMetadata metadata = StateMetadata.newBuilder().setDatatype("ChaincodeParameters").build();
        assertThrows(StateException.class, () -> serializer.deserialize("namespaces", "cc", metadata,
                RecordType.CHAINCODE_DEFINITION, state));
    }

    @Test
    void comparesByHashesAndNamesTheFieldsThatDiffer() throws Exception {
        MapState state = new MapState();
        StateRecord stored = record("T", new java.util.LinkedHashMap<>(Map.of("A", "1")));
        assertEquals(List.of("T"), serializer.compareHashes("namespaces", "cc#1", stored, state).mismatches());
        serializer.serialize("namespaces", "cc#1", stored, state);
        state.commit();
        assertTrue(serializer.compareHashes("namespaces", "cc#1", stored, state).matches());
        assertEquals(List.of("A"), serializer.compareHashes("namespaces", "cc#1", record("T", Map.of("A", "2")), state)
                .mismatches());
    }

    @Test
    void listsMetadataByName() throws Exception {
        SortedMap<String, ByteString> range = new TreeMap<>(Map.of(
                "namespaces/metadata/b", StateMetadata.newBuilder().setDatatype("ChaincodeDefinition").build().toByteString(),
                "namespaces/metadata/a", StateMetadata.newBuilder().setDatatype("Other").build().toByteString()));
        SortedMap<String, StateMetadata> all = serializer.allMetadata("namespaces", prefix -> range);
        assertEquals(List.of("a", "b"), List.copyOf(all.keySet()));
        assertEquals("ChaincodeDefinition", all.get("b").getDatatype());
    }
}
