package weft.runtime.endorser;

import com.google.protobuf.ByteString;
import java.util.Objects;
import java.util.Optional;
import weft.runtime.ledger.block.Sha256;
import weft.runtime.lifecycle.ApprovedPackageReader;
import weft.runtime.lifecycle.state.LifecycleKeys;
import weft.runtime.lifecycle.state.ReadableState;
import weft.runtime.lifecycle.state.StateException;
import weft.runtime.lifecycle.state.StateSerializer;
import weft.runtime.ledger.LedgerSnapshot;
import weft.runtime.ledger.state.HashedState;
import weft.runtime.ledger.state.PrivateState;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * The packages this peer's organisation approved, read from the snapshot a proposal is simulated on: the
 * lifecycle's public definitions, and the organisation's implicit collection {@code _implicit_org_<MSP id>} in
 * the peer's private state (a value counts only while it is the one whose hash is committed). The lifecycle's
 * {@link ApprovedPackageReader} interprets them. The reads are not recorded in the transaction: as in Fabric,
 * which package a peer runs is its own business, not the channel's.
 *
 * <p>It lives in the endorser, not the lifecycle, so that the dependency runs one way (endorser → lifecycle's
 * state format): the lifecycle stays free of the ledger and the endorser, and the endorser's tests can run the
 * real lifecycle chaincode.
 */
public final class LifecycleApprovedPackages implements ApprovedPackages {

    private final String collection;
    private final ApprovedPackageReader reader = new ApprovedPackageReader();

    /** @param peerMspId the MSP id of this peer's organisation */
    public LifecycleApprovedPackages(String peerMspId) {
        this.collection = LifecycleKeys.implicitCollection(Objects.requireNonNull(peerMspId, "peerMspId"));
    }

    @Override
    public Optional<String> packageId(LedgerSnapshot snapshot, String chaincode, long sequence)
            throws ChaincodeResolutionException {
        ReadableState publicState = key -> value(snapshot, LifecycleKeys.LIFECYCLE_NAMESPACE, key);
        ReadableState orgState = key -> currentPrivateValue(snapshot, key);
        try {
            return reader.packageId(chaincode, sequence, publicState, orgState);
        } catch (StateException e) {
            throw new ChaincodeResolutionException("cannot read this organisation's approval of chaincode " + chaincode
                    + " (sequence " + sequence + "): " + e.getMessage(), e);
        }
    }

    private static ByteString value(LedgerSnapshot snapshot, String namespace, String key) throws StateException {
        try {
            return snapshot.state().get(namespace, key).map(VersionedValue::value).orElse(ByteString.EMPTY);
        } catch (LedgerStoreException e) {
            throw new StateException("cannot read " + namespace + "/" + key + ": " + e.getMessage(), e);
        }
    }

    private ByteString currentPrivateValue(LedgerSnapshot snapshot, String key) throws StateException {
        String namespace = LifecycleKeys.LIFECYCLE_NAMESPACE;
        try {
            Optional<VersionedValue> hashed = snapshot.state().get(HashedState.namespace(namespace, collection),
                    HashedState.key(Sha256.ofKey(key)));
            Optional<VersionedValue> value = snapshot.state().get(PrivateState.namespace(namespace, collection), key);
            if (hashed.isEmpty() || value.isEmpty() || !value.get().version().equals(hashed.get().version())) {
                return ByteString.EMPTY;
            }
            return value.get().value();
        } catch (LedgerStoreException e) {
            throw new StateException("cannot read " + collection + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
