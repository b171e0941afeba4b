package weft.plugins.utxo;

import weft.api.validation.InvalidTransactionException;

/** A UTXO transaction is invalid, for a {@link Rejection reason} that tests and logs can tell apart. */
public final class UtxoRejection extends InvalidTransactionException {

    private static final long serialVersionUID = 1L;

    private final Rejection reason;

    UtxoRejection(Rejection reason, String detail) {
        super("[" + reason + "] " + detail);
        this.reason = reason;
    }

    public Rejection reason() {
        return reason;
    }

    /** A fresh exception with the same verdict, so that each caller gets its own stack trace. */
    UtxoRejection copy() {
        return new UtxoRejection(reason, getMessage().substring(reason.name().length() + 3));
    }
}
