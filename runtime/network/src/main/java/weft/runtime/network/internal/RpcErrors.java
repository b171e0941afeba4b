package weft.runtime.network.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * gRPC errors as Fabric's gateway returns them: a status code, a message, and for endorsement and ordering
 * failures one {@code gateway.ErrorDetail} per endpoint in the status details ({@code grpc-status-details-bin}),
 * which the fabric-gateway client surfaces as {@code GatewayException.getDetails()}.
 */
final class RpcErrors {

    /** The trailer gRPC's rich error model carries a serialized {@code google.rpc.Status} in. */
    private static final Metadata.Key<byte[]> STATUS_DETAILS = Metadata.Key.of("grpc-status-details-bin",
            Metadata.BINARY_BYTE_MARSHALLER);
    private static final String ERROR_DETAIL_TYPE = "type.googleapis.com/" + ErrorDetail.getDescriptor().getFullName();

    private RpcErrors() {
    }

    static StatusRuntimeException error(Status.Code code, String message) {
        return Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException error(Status.Code code, String message, List<ErrorDetail> details) {
        if (details.isEmpty()) {
            return error(code, message);
        }
        Metadata trailers = new Metadata();
        trailers.put(STATUS_DETAILS, richStatus(code.value(), message, details));
        return Status.fromCode(code).withDescription(message).asRuntimeException(trailers);
    }

    static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder().setAddress(address).setMspId(mspId).setMessage(message).build();
    }

    /**
     * {@code google.rpc.Status{code=1, message=2, details=3 (google.protobuf.Any{type_url=1, value=2})}}, written by
     * hand: the common-protos classes are private to the gRPC bundle.
     */
    private static byte[] richStatus(int code, String message, List<ErrorDetail> details) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, code);
            out.writeString(2, message);
            for (ErrorDetail detail : details) {
                ByteArrayOutputStream anyBytes = new ByteArrayOutputStream();
                CodedOutputStream any = CodedOutputStream.newInstance(anyBytes);
                any.writeString(1, ERROR_DETAIL_TYPE);
                any.writeBytes(2, detail.toByteString());
                any.flush();
                out.writeBytes(3, ByteString.copyFrom(anyBytes.toByteArray()));
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
