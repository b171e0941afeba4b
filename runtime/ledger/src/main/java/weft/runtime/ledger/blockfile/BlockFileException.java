package weft.runtime.ledger.blockfile;

/** A block file is truncated or corrupted; the message names the file and the byte offset. */
public class BlockFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final boolean truncated;

    public BlockFileException(String message, long offset, boolean truncated, Throwable cause) {
        super(message, cause);
        this.offset = offset;
        this.truncated = truncated;
    }

    /** Where the broken record starts. */
    public long offset() {
        return offset;
    }

    /** True when the file ends inside the record (a torn append), false when complete bytes do not decode. */
    public boolean truncated() {
        return truncated;
    }
}
