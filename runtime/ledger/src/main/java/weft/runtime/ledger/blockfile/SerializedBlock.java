package weft.runtime.ledger.blockfile;

import java.util.List;

/**
 * A block in Fabric's block-file serialization, with where each transaction sits inside it.
 *
 * @param bytes        the serialized block (without the record's length prefix)
 * @param transactions for each envelope, its offset in {@code bytes} (at its length varint) and its length
 *                     including that varint — what Fabric's txid index points at
 */
public record SerializedBlock(byte[] bytes, List<Span> transactions) {

    /** A region of the serialized block. */
    public record Span(int offset, int length) {
    }

    public SerializedBlock {
        transactions = List.copyOf(transactions);
    }
}
