package weft.runtime.ledger.state;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A committed value with its version and metadata entries (e.g. {@code VALIDATION_PARAMETER}). */
public record VersionedValue(ByteString value, Height version, Map<String, ByteString> metadata) {

    public VersionedValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** The stored form: block, tx, value, then metadata entries in name order. */
    byte[] encode() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(value.size() + 32);
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        try {
            out.writeUInt64NoTag(version.blockNum());
            out.writeUInt64NoTag(version.txNum());
            out.writeBytesNoTag(value);
            out.writeUInt32NoTag(metadata.size());
            for (Map.Entry<String, ByteString> entry : metadata.entrySet()) {
                out.writeStringNoTag(entry.getKey());
                out.writeBytesNoTag(entry.getValue());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static VersionedValue decode(byte[] stored) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(stored);
            Height version = new Height(in.readUInt64(), in.readUInt64());
            ByteString value = in.readBytes();
            int entries = in.readUInt32();
            Map<String, ByteString> metadata = new TreeMap<>();
            for (int i = 0; i < entries; i++) {
                metadata.put(in.readString(), in.readBytes());
            }
            return new VersionedValue(value, version, metadata);
        } catch (IOException e) {
            throw new IllegalStateException("a stored state value is corrupted: " + e.getMessage(), e);
        }
    }
}
