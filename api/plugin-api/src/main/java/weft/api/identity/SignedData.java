package weft.api.identity;

import com.google.protobuf.ByteString;
import java.util.Objects;

/**
 * One signature to evaluate a policy over: the signed bytes, the signer's serialized identity and the signature.
 * For an endorsement, {@code data} is the proposal response payload followed by the endorser bytes.
 */
public record SignedData(ByteString data, ByteString identity, ByteString signature) {

    public SignedData {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(signature, "signature");
    }
}
