package weft.runtime.ledger.blockfile;

/** A block file is truncated or corrupted; the message names the file and the byte offset. */
public class BlockFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public BlockFileException(String message) {
        super(message);
    }

    public BlockFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
