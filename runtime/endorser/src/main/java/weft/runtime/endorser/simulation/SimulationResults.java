package weft.runtime.endorser.simulation;

import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;

/**
 * What a simulation produced: the public read-write set that goes into the transaction (with the hashes of
 * private reads and writes), and the private write set with the clear values, which never goes to the orderer
 * but to the collection's member peers.
 */
public record SimulationResults(TxReadWriteSet publicRwSet, Optional<TxPvtReadWriteSet> privateRwSet) {

    public SimulationResults {
        Objects.requireNonNull(publicRwSet, "publicRwSet");
        Objects.requireNonNull(privateRwSet, "privateRwSet");
    }
}
