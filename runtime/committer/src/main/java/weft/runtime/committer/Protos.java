package weft.runtime.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

/**
 * Parses nested Fabric messages without copying: with aliasing on, the bytes fields of the result are views of the
 * (immutable) block data. A block's transactions are parsed several levels deep, so copying every level would
 * allocate many times the block's size.
 */
final class Protos {

    private Protos() {
    }

    static <T> T parse(Parser<T> parser, ByteString bytes) throws InvalidProtocolBufferException {
        CodedInputStream input = bytes.newCodedInput();
        input.enableAliasing(true);
        T message = parser.parseFrom(input);
        input.checkLastTagWas(0);
        return message;
    }
}
