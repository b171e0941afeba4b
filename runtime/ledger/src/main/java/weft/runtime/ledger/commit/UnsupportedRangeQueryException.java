package weft.runtime.ledger.commit;

/** A transaction uses a range-query form this peer cannot validate; the block is not committed. */
public class UnsupportedRangeQueryException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnsupportedRangeQueryException(String message) {
        super(message);
    }
}
