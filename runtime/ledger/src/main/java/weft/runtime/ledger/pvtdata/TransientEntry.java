package weft.runtime.ledger.pvtdata;

import java.util.Objects;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;

/**
 * A proposal's clear private write set as the endorser left it in the transient store, with the ledger height it
 * was simulated at (which the retention counts from).
 */
public record TransientEntry(long endorsedAtHeight, TxPvtReadWriteSet privateWrites) {

    public TransientEntry {
        Objects.requireNonNull(privateWrites, "privateWrites");
    }
}
