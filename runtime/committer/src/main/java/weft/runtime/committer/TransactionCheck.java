package weft.runtime.committer;

import java.util.Optional;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The outcome of the per-transaction checks: {@code VALID} with the parsed transaction (which plugins then
 * validate), or the code Fabric gives, with the reason for the log.
 */
public record TransactionCheck(TxValidationCode code, String reason, Optional<ParsedTransaction> transaction) {

    static TransactionCheck valid(ParsedTransaction transaction) {
        return new TransactionCheck(TxValidationCode.VALID, "", Optional.of(transaction));
    }

    static TransactionCheck invalid(TxValidationCode code, String reason) {
        return new TransactionCheck(code, reason, Optional.empty());
    }
}
