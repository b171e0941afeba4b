package weft.api.validation;

import com.google.protobuf.ByteString;
import java.util.Objects;

/**
 * The endorsement policy of the chaincode being validated, as its definition stores it: a marshalled
 * {@code ApplicationPolicy} (a signature policy or a reference to a channel-config policy). Evaluate it with
 * {@link PolicyEvaluator#evaluate}.
 */
public record SerializedPolicy(ByteString bytes) implements ContextDatum {

    public SerializedPolicy {
        Objects.requireNonNull(bytes, "bytes");
    }
}
