package weft.runtime.ledger.blockfile;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Fabric's serialization of a block inside a block file: {@code uvarint(number) bytes(data_hash)
 * bytes(previous_hash) uvarint(#tx) bytes(envelope)… uvarint(#metadata) bytes(metadata)…}, where
 * {@code bytes(x)} is a uvarint length followed by x. Note the data hash precedes the previous hash.
 */
public final class BlockSerialization {

    private BlockSerialization() {
    }

    public static SerializedBlock serialize(Block block) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(block.getSerializedSize() + 64);
        CodedOutputStream out = CodedOutputStream.newInstance(buffer, 4096);
        List<SerializedBlock.Span> transactions = new ArrayList<>(block.getData().getDataCount());
        try {
            out.writeUInt64NoTag(block.getHeader().getNumber());
            writeBytes(out, block.getHeader().getDataHash());
            writeBytes(out, block.getHeader().getPreviousHash());
            out.writeUInt64NoTag(block.getData().getDataCount());
            for (ByteString envelope : block.getData().getDataList()) {
                int start = out.getTotalBytesWritten();
                writeBytes(out, envelope);
                transactions.add(new SerializedBlock.Span(start, out.getTotalBytesWritten() - start));
            }
            out.writeUInt64NoTag(block.getMetadata().getMetadataCount());
            for (ByteString metadata : block.getMetadata().getMetadataList()) {
                writeBytes(out, metadata);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("serializing into memory failed", e);
        }
        return new SerializedBlock(buffer.toByteArray(), transactions);
    }

    private static void writeBytes(CodedOutputStream out, ByteString bytes) throws IOException {
        out.writeUInt32NoTag(bytes.size());
        out.writeRawBytes(bytes);
    }
}
