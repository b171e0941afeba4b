package weft.runtime.endorser;

import java.util.Optional;
import weft.runtime.ledger.LedgerSnapshot;

/**
 * The package id this peer's organisation approved for a chaincode definition ({@code approveformyorg
 * --package-id}). {@link LifecycleApprovedPackages} reads it from the organisation's approvals in its implicit
 * collection; without approvals, {@link LifecycleChaincodeResolver}'s development bindings apply.
 */
@FunctionalInterface
public interface ApprovedPackages {

    /** No approvals. */
    ApprovedPackages NONE = (snapshot, chaincode, sequence) -> Optional.empty();

    /**
     * The package approved for sequence {@code sequence} of {@code chaincode}, as of {@code snapshot} (the view the
     * proposal is simulated on), if any.
     *
     * @throws ChaincodeResolutionException when the approvals cannot be read
     */
    Optional<String> packageId(LedgerSnapshot snapshot, String chaincode, long sequence)
            throws ChaincodeResolutionException;
}
