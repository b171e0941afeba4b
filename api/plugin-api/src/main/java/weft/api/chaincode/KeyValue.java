package weft.api.chaincode;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One entry of a range or composite-key query: a key and its current value. */
public record KeyValue(String key, ByteString value) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The value decoded as UTF-8. */
    public String stringValue() {
        return value.toString(StandardCharsets.UTF_8);
    }
}
