package weft.runtime.lifecycle;

import static weft.runtime.lifecycle.state.LifecycleKeys.CHAINCODE_SOURCES;
import static weft.runtime.lifecycle.state.LifecycleKeys.NAMESPACES;

import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import weft.runtime.lifecycle.state.ChaincodeDefinition;
import weft.runtime.lifecycle.state.ChaincodeLocalPackage;
import weft.runtime.lifecycle.state.ChaincodeParameters;
import weft.runtime.lifecycle.state.LifecycleKeys;
import weft.runtime.lifecycle.state.ReadableState;
import weft.runtime.lifecycle.state.RecordType;
import weft.runtime.lifecycle.state.StateException;
import weft.runtime.lifecycle.state.StateSerializer;

/**
 * Which installed package an organisation's peers run for a committed chaincode definition, as Fabric's
 * lifecycle cache decides it: the package id the organisation's approval of that sequence recorded under
 * {@code chaincode-sources} in its implicit collection — but only when the approved parameters are exactly the
 * committed definition's (an organisation that approved something else, or nothing, runs nothing). It reads the
 * lifecycle's public state and the organisation's clear private state through {@link ReadableState}, so it is
 * independent of how the peer stores them; the endorser adapts it to its ledger snapshots.
 * <pre>{@code
 * Optional<String> packageId = new ApprovedPackageReader().packageId("basic", 1, publicState, org1State);
 * }</pre>
 */
public final class ApprovedPackageReader {

    private final LifecycleFunctions functions = new LifecycleFunctions();
    private final StateSerializer serializer = new StateSerializer();

    /**
     * @param publicState the {@code _lifecycle} namespace's public state
     * @param orgState    the clear values of the organisation's implicit collection
     * @return the approved package id; empty when the definition at {@code sequence} is not the committed one, the
     *         organisation did not approve it as committed, or approved it without a package
     * @throws StateException when the state cannot be read or does not decode
     */
    public Optional<String> packageId(String chaincode, long sequence, ReadableState publicState,
                                      ReadableState orgState) throws StateException {
        Optional<ChaincodeDefinition> committed;
        try {
            committed = functions.committedDefinition(chaincode, publicState);
        } catch (LifecycleException e) {
            throw new StateException(e.getMessage(), e);
        }
        if (committed.isEmpty() || committed.get().sequence() != sequence) {
            return Optional.empty();
        }
        String privateName = LifecycleKeys.privateName(chaincode, sequence);
        Optional<StateMetadata> approved = serializer.metadata(NAMESPACES, privateName, orgState);
        if (approved.isEmpty()
                || !approved.get().getDatatype().equals(RecordType.CHAINCODE_PARAMETERS.datatype())) {
            return Optional.empty();
        }
        ChaincodeParameters parameters = ChaincodeParameters.fromRecord(serializer.deserialize(NAMESPACES,
                privateName, approved.get(), RecordType.CHAINCODE_PARAMETERS, orgState));
        if (parameters.difference(committed.get().parameters()).isPresent()) {
            return Optional.empty();
        }
        Optional<StateMetadata> source = serializer.metadata(CHAINCODE_SOURCES, privateName, orgState);
        if (source.isEmpty()
                || !source.get().getDatatype().equals(RecordType.CHAINCODE_LOCAL_PACKAGE.datatype())) {
            return Optional.empty();
        }
        String packageId = ChaincodeLocalPackage.fromRecord(serializer.deserialize(CHAINCODE_SOURCES, privateName,
                source.get(), RecordType.CHAINCODE_LOCAL_PACKAGE, orgState)).packageId();
        return packageId.isEmpty() ? Optional.empty() : Optional.of(packageId);
    }
}
