package weft.runtime.lifecycle.state;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * Writes and reads structures in Fabric's lifecycle layout, producing the same write sets as Fabric's serializer:
 * a field is written only when its bytes change, the metadata only when the type or field list changes, and keys
 * of fields the new structure no longer has are deleted. That precision is what lets a re-definition touch only
 * the fields that changed, so transactions that merely read an unchanged field do not conflict.
 */
public final class StateSerializer {

    /** Writes {@code record} as {@code name} in key space {@code space}. */
    public void serialize(String space, String name, StateRecord record, WritableState state) throws StateException {
        Optional<StateMetadata> existing = metadata(space, name, state);
        StateMetadata metadata = existing.orElse(StateMetadata.getDefaultInstance());

        // The current value of every field the stored metadata lists; leftovers after the loop are stale keys.
        Map<String, ByteString> existingFields = new LinkedHashMap<>();
        for (String field : metadata.getFieldsList()) {
            String key = LifecycleKeys.fieldKey(space, name, field);
            existingFields.put(key, state.get(key));
        }

        for (StateField field : record.fields()) {
            String key = LifecycleKeys.fieldKey(space, name, field.name());
            ByteString bytes = field.value().toByteString();
            ByteString current = existingFields.remove(key);
            if (current == null || !current.equals(bytes)) {
                state.put(key, bytes);
            }
        }

        if (!existingFields.isEmpty() || !record.datatype().equals(metadata.getDatatype())
                || metadata.getFieldsCount() != record.fields().size()) {
            StateMetadata updated = metadata.toBuilder().setDatatype(record.datatype()).clearFields()
                    .addAllFields(record.fieldNames()).build();
            state.put(LifecycleKeys.metadataKey(space, name), updated.toByteString());
        }

        for (String staleKey : existingFields.keySet()) {
            state.delete(staleKey);
        }
    }

    /** The metadata stored for {@code name}, if any. */
    public Optional<StateMetadata> metadata(String space, String name, ReadableState state) throws StateException {
        String key = LifecycleKeys.metadataKey(space, name);
        ByteString bytes = state.get(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StateMetadata.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new StateException("could not unmarshal metadata for namespace " + space + "/" + name + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code name} as a structure of {@code type}, whose metadata the caller already read. Fields that are
     * absent read as their kind's zero value, as in Fabric; a field holding another kind is an error.
     *
     * @throws StateException when the stored type is not {@code type}, or a field does not decode
     */
    public StateRecord deserialize(String space, String name, StateMetadata metadata, RecordType type,
                                   ReadableState state) throws StateException {
        if (!type.datatype().equals(metadata.getDatatype())) {
            throw new StateException("type name mismatch '" + type.datatype() + "' != '" + metadata.getDatatype() + "'");
        }
        List<StateField> fields = new ArrayList<>(type.fields().size());
        for (RecordType.Field field : type.fields()) {
            fields.add(new StateField(field.name(), field(space, name, field, state)));
        }
        return new StateRecord(type.datatype(), fields);
    }

    /** The Int64 field {@code field} of {@code name}; 0 when absent (e.g. the Sequence of an undefined chaincode). */
    public long int64Field(String space, String name, String field, ReadableState state) throws StateException {
        return field(space, name, new RecordType.Field(field, RecordType.Kind.INT64), state).getInt64();
    }

    private StateData field(String space, String name, RecordType.Field field, ReadableState state)
            throws StateException {
        String key = LifecycleKeys.fieldKey(space, name, field.name());
        StateData data;
        try {
            data = StateData.parseFrom(state.get(key));
        } catch (InvalidProtocolBufferException e) {
            throw new StateException("could not unmarshal state for key " + key + ": " + e.getMessage(), e);
        }
        StateData.TypeCase expected = switch (field.kind()) {
            case INT64 -> StateData.TypeCase.INT64;
            case STRING -> StateData.TypeCase.STRING;
            case BYTES -> StateData.TypeCase.BYTES;
        };
        if (data.getTypeCase() == StateData.TypeCase.TYPE_NOT_SET) {
            return switch (field.kind()) {
                case INT64 -> StateData.newBuilder().setInt64(0).build();
                case STRING -> StateData.newBuilder().setString("").build();
                case BYTES -> StateData.newBuilder().setBytes(ByteString.EMPTY).build();
            };
        }
        if (data.getTypeCase() != expected) {
            throw new StateException("expected key " + key + " to encode a value of type " + expected
                    + ", but it holds " + data.getTypeCase());
        }
        return data;
    }

    /**
     * Whether {@code state} holds exactly {@code record} as {@code name}, comparing the SHA-256 of each value Fabric
     * would write with the hash the organisation's collection holds. The metadata is compared first: when it
     * differs, the mismatch is the type name alone.
     */
    public HashComparison compareHashes(String space, String name, StateRecord record, OpaqueState state)
            throws StateException {
        // Fabric reads every hash before comparing any; the reads are part of the transaction's read set.
        String metadataKey = LifecycleKeys.metadataKey(space, name);
        Map<String, ByteString> hashes = new LinkedHashMap<>();
        hashes.put(metadataKey, state.hash(metadataKey));
        for (StateField field : record.fields()) {
            String key = LifecycleKeys.fieldKey(space, name, field.name());
            hashes.put(key, state.hash(key));
        }

        StateMetadata metadata = StateMetadata.newBuilder().setDatatype(record.datatype())
                .addAllFields(record.fieldNames()).build();
        if (!sha256(metadata.toByteString()).equals(hashes.get(metadataKey))) {
            return new HashComparison(List.of(record.datatype()));
        }
        List<String> mismatches = new ArrayList<>();
        for (StateField field : record.fields()) {
            String key = LifecycleKeys.fieldKey(space, name, field.name());
            if (!sha256(field.value().toByteString()).equals(hashes.get(key))) {
                mismatches.add(field.name());
            }
        }
        return new HashComparison(mismatches);
    }

    /** The metadata of every structure in key space {@code space}, by name. */
    public SortedMap<String, StateMetadata> allMetadata(String space, RangeableState state) throws StateException {
        String prefix = LifecycleKeys.metadataKey(space, "");
        SortedMap<String, StateMetadata> result = new TreeMap<>();
        for (Map.Entry<String, ByteString> entry : state.range(prefix).entrySet()) {
            try {
                result.put(entry.getKey().substring(prefix.length()), StateMetadata.parseFrom(entry.getValue()));
            } catch (InvalidProtocolBufferException e) {
                throw new StateException("error unmarshalling metadata for key " + entry.getKey() + ": "
                        + e.getMessage(), e);
            }
        }
        return result;
    }

    /** SHA-256, the hash Fabric keeps of private values. */
    public static ByteString sha256(ByteString value) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(value.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
