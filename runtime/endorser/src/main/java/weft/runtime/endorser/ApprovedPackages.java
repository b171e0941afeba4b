package weft.runtime.endorser;

import java.util.Optional;

/**
 * The package id this peer's organisation approved for a chaincode definition ({@code approveformyorg
 * --package-id}). The lifecycle implements it from its approvals; until it exists, nothing is approved and
 * {@link LifecycleChaincodeResolver}'s development bindings apply.
 */
@FunctionalInterface
public interface ApprovedPackages {

    /** No approvals. */
    ApprovedPackages NONE = (channelId, chaincode, sequence) -> Optional.empty();

    /** The package approved for sequence {@code sequence} of {@code chaincode} on {@code channelId}, if any. */
    Optional<String> packageId(String channelId, String chaincode, long sequence);
}
