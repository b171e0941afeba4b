package weft.api.chaincode;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a chaincode invocation returns to the client: Fabric's {@code peer.Response}. Status 200 (OK) up to 399
 * means success and the peer endorses the result; 400 to 499 is a client error and 500 or above a chaincode
 * error, both returned unendorsed.
 */
public record Response(int status, String message, ByteString payload) {

    public static final int OK = 200;
    public static final int ERROR_THRESHOLD = 400;
    public static final int ERROR = 500;

    public Response {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(payload, "payload");
    }

    public static Response success() {
        return new Response(OK, "", ByteString.EMPTY);
    }

    public static Response success(ByteString payload) {
        return new Response(OK, "", payload);
    }

    public static Response success(String payload) {
        return success(ByteString.copyFromUtf8(payload));
    }

    public static Response error(String message) {
        return new Response(ERROR, message, ByteString.EMPTY);
    }

    /** True for 200–399: the proposal succeeded and can be endorsed. */
    public boolean isSuccess() {
        return status >= OK && status < ERROR_THRESHOLD;
    }

    /** The payload decoded as UTF-8. */
    public String payloadString() {
        return payload.toString(StandardCharsets.UTF_8);
    }
}
