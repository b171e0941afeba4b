package weft.runtime.ledger.blockfile;

/**
 * Where a block record or a transaction lies: block file {@code blockfile_<suffix>}, byte offset, length.
 * For a block, offset is the start of its record (the length prefix) and length its serialized size.
 */
public record FileLocation(int fileSuffix, long offset, int length) {
}
