package weft.runtime.channel;

import java.util.Objects;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What became of a submitted transaction: the block it was committed in and its validation code there.
 *
 * @param txId        the transaction's id
 * @param blockNumber the block that holds it
 * @param code        its TxValidationCode ({@code VALID}, {@code MVCC_READ_CONFLICT}, {@code DUPLICATE_TXID}, …)
 */
public record CommitStatus(String txId, long blockNumber, TxValidationCode code) {

    public CommitStatus {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(code, "code");
    }

    public boolean valid() {
        return code == TxValidationCode.VALID;
    }
}
