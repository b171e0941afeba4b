package weft.plugins.utxo;

/**
 * Why UtxoValidation rejects a transaction; each reason is documented in this module's README and starts the
 * message of the {@link UtxoRejection} the committer logs, e.g. {@code [DOUBLE_SPEND_IN_BLOCK] ...}.
 */
public enum Rejection {
    /** The transaction is not an endorser transaction with a chaincode action and a read-write set. */
    MALFORMED_TRANSACTION,
    /** It writes something in the namespace other than {@code utxo} outputs: another key, key metadata, private data. */
    FOREIGN_WRITE,
    /** A written output's value is not the JSON {@code {"owner","type","amount"}} with a non-empty owner and type. */
    MALFORMED_OUTPUT,
    /** Created outputs are not {@code utxo/<own txid>/0..n-1}. */
    OUTPUT_NOT_FRESH,
    /** An output amount is zero or negative. */
    NON_POSITIVE_AMOUNT,
    /** An amount, or a per-type total of inputs or outputs, does not fit in a signed 64-bit integer. */
    AMOUNT_OVERFLOW,
    /** The same input is deleted twice in the transaction. */
    INPUT_TWICE,
    /** The chaincode's endorsement policy is not satisfied by the endorsements. */
    ENDORSEMENT_POLICY_FAILURE,
    /** An input is not in committed state: it never existed or an earlier block spent it (replay). */
    INPUT_NOT_UNSPENT,
    /** An input's owner is not the transaction's creator. */
    WRONG_OWNER,
    /** Per token type, inputs and outputs do not hold the same total. */
    UNBALANCED,
    /** No inputs but outputs (a mint), and the creator's MSP is not the minter MSP. */
    MINT_NOT_ALLOWED,
    /** An input is also spent by an earlier transaction of the same block that is valid by these rules. */
    DOUBLE_SPEND_IN_BLOCK
}
