package weft.runtime.lifecycle;

import static weft.runtime.lifecycle.state.LifecycleKeys.CHAINCODE_SOURCES;
import static weft.runtime.lifecycle.state.LifecycleKeys.NAMESPACES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import weft.runtime.lifecycle.state.ChaincodeDefinition;
import weft.runtime.lifecycle.state.ChaincodeLocalPackage;
import weft.runtime.lifecycle.state.ChaincodeParameters;
import weft.runtime.lifecycle.state.HashComparison;
import weft.runtime.lifecycle.state.LifecycleKeys;
import weft.runtime.lifecycle.state.OpaqueState;
import weft.runtime.lifecycle.state.RangeableState;
import weft.runtime.lifecycle.state.ReadableState;
import weft.runtime.lifecycle.state.RecordType;
import weft.runtime.lifecycle.state.StateException;
import weft.runtime.lifecycle.state.StateSerializer;
import weft.runtime.lifecycle.state.WritableState;

/**
 * The lifecycle's rules over its state: which sequence may be approved or committed, the defaults a definition
 * gets, which organisations approved a definition, and what each function writes. Works on state interfaces, so
 * it neither knows nor cares whether it runs under an endorser or a test.
 */
final class LifecycleFunctions {

    static final String DEFAULT_ENDORSEMENT_POLICY_REF = "/Channel/Application/Endorsement";
    static final String DEFAULT_ENDORSEMENT_PLUGIN = "escc";
    static final String DEFAULT_VALIDATION_PLUGIN = "vscc";
    static final String FRIENDLY_CHAINCODE_TYPE = "Chaincode";

    private final StateSerializer serializer = new StateSerializer();

    /** Which organisations approved a definition, and where the others differ from it. */
    record Readiness(Map<String, Boolean> approvals, Map<String, List<String>> mismatches) {
    }

    /** An organisation's approval as stored: the parameters and the package its peers run (empty: none). */
    record Approval(long sequence, ChaincodeParameters parameters, String packageId) {
    }

    long currentSequence(String name, ReadableState publicState) throws LifecycleException {
        try {
            return serializer.int64Field(NAMESPACES, name, "Sequence", publicState);
        } catch (StateException e) {
            throw new LifecycleException("could not get current sequence: " + e.getMessage(), e);
        }
    }

    /**
     * Fills what the client left empty: endorsement plugin {@code escc}, validation plugin {@code vscc}, and as
     * endorsement policy a reference to the channel's {@code /Channel/Application/Endorsement}, which must exist.
     */
    ChaincodeParameters withDefaults(String channelId, ChannelView channel, ChaincodeParameters parameters)
            throws LifecycleException {
        ChaincodeEndorsementInfo.Builder endorsement = parameters.endorsementInfo().toBuilder();
        if (endorsement.getEndorsementPlugin().isEmpty()) {
            endorsement.setEndorsementPlugin(DEFAULT_ENDORSEMENT_PLUGIN);
        }
        ChaincodeValidationInfo.Builder validation = parameters.validationInfo().toBuilder();
        if (validation.getValidationPlugin().isEmpty()) {
            validation.setValidationPlugin(DEFAULT_VALIDATION_PLUGIN);
        }
        if (validation.getValidationParameter().isEmpty()) {
            if (!channel.hasPolicy(DEFAULT_ENDORSEMENT_POLICY_REF)) {
                throw new LifecycleException("could not set defaults for chaincode definition in channel " + channelId
                        + ": policy '" + DEFAULT_ENDORSEMENT_POLICY_REF + "' must be defined for channel '" + channelId
                        + "' before chaincode operations can be attempted");
            }
            validation.setValidationParameter(ApplicationPolicy.newBuilder()
                    .setChannelConfigPolicyReference(DEFAULT_ENDORSEMENT_POLICY_REF).build().toByteString());
        }
        return new ChaincodeParameters(endorsement.build(), validation.build(), parameters.collections());
    }

    /**
     * Records this organisation's approval of a definition in its implicit collection. The sequence must be the
     * committed one (then the parameters must equal the committed ones: this is how an organisation that joins
     * late, or installs later, approves) or the next one.
     */
    void approve(String channelId, ChannelView channel, String name, long sequence, ChaincodeParameters requested,
                 String packageId, ReadableState publicState, WritableState orgState) throws LifecycleException {
        long current = currentSequence(name, publicState);
        if (sequence == 0 && current == 0) {
            throw new LifecycleException("requested sequence is 0, but first definable sequence number is 1");
        }
        if (sequence < current) {
            throw new LifecycleException("currently defined sequence " + current + " is larger than requested sequence "
                    + sequence);
        }
        if (sequence > current + 1) {
            throw new LifecycleException("requested sequence " + sequence
                    + " is larger than the next available sequence number " + (current + 1));
        }
        ChaincodeParameters parameters = withDefaults(channelId, channel, requested);
        String privateName = LifecycleKeys.privateName(name, sequence);
        try {
            if (sequence == current) {
                ChaincodeDefinition committed = committedDefinition(name, publicState).orElseThrow(() ->
                        new LifecycleException("missing metadata for currently committed sequence number (" + current + ")"));
                Optional<String> difference = committed.parameters().difference(parameters);
                if (difference.isPresent()) {
                    throw new LifecycleException("attempted to redefine the current committed sequence (" + current
                            + ") for namespace " + name + " with different parameters: " + difference.get());
                }
                if (alreadyApproved(privateName, packageId, parameters, orgState)) {
                    throw new LifecycleException("attempted to redefine the current committed sequence (" + current
                            + ") for namespace " + name);
                }
            } else if (alreadyApproved(privateName, packageId, parameters, orgState)) {
                // An approval that changes nothing would have an empty write set.
                throw new LifecycleException("attempted to redefine uncommitted sequence (" + sequence
                        + ") for namespace " + name + " with unchanged content");
            }
            serializer.serialize(NAMESPACES, privateName, parameters.toRecord(), orgState);
            // Written even when empty: approving without a package tells this org's peers not to endorse.
            serializer.serialize(CHAINCODE_SOURCES, privateName, new ChaincodeLocalPackage(packageId).toRecord(), orgState);
        } catch (StateException e) {
            throw new LifecycleException("could not record the approval of " + privateName + ": " + e.getMessage(), e);
        }
    }

    private boolean alreadyApproved(String privateName, String packageId, ChaincodeParameters parameters,
                                    ReadableState orgState) throws StateException {
        Optional<StateMetadata> metadata = serializer.metadata(NAMESPACES, privateName, orgState);
        if (metadata.isEmpty()) {
            return false;
        }
        ChaincodeParameters approved = ChaincodeParameters.fromRecord(serializer.deserialize(NAMESPACES, privateName,
                metadata.get(), RecordType.CHAINCODE_PARAMETERS, orgState));
        if (approved.difference(parameters).isPresent()) {
            return false;
        }
        Optional<StateMetadata> source = serializer.metadata(CHAINCODE_SOURCES, privateName, orgState);
        if (source.isEmpty()) {
            return false;
        }
        return ChaincodeLocalPackage.fromRecord(serializer.deserialize(CHAINCODE_SOURCES, privateName, source.get(),
                RecordType.CHAINCODE_LOCAL_PACKAGE, orgState)).packageId().equals(packageId);
    }

    /**
     * Which of the given organisations approved this definition, which must be for the next sequence. The
     * parameters the caller passes have their defaults applied here, as in Fabric.
     */
    Readiness checkCommitReadiness(String channelId, ChannelView channel, String name, long sequence,
                                   ChaincodeParameters requested, ReadableState publicState, List<OpaqueState> orgStates)
            throws LifecycleException {
        return approvals(name, nextDefinition(channelId, channel, name, sequence, requested, publicState), orgStates);
    }

    /** The definition a readiness check or commit is about: exactly the next sequence, with defaults applied. */
    private ChaincodeDefinition nextDefinition(String channelId, ChannelView channel, String name, long sequence,
                                               ChaincodeParameters requested, ReadableState publicState)
            throws LifecycleException {
        long current = currentSequence(name, publicState);
        if (sequence != current + 1) {
            throw new LifecycleException("requested sequence is " + sequence + ", but new definition must be sequence "
                    + (current + 1));
        }
        return new ChaincodeDefinition(sequence, withDefaults(channelId, channel, requested));
    }

    /**
     * Commits a definition to public state, writing only what changed, and returns who approved it; requiring the
     * caller's own organisation among them is the caller's job.
     */
    Map<String, Boolean> commit(String channelId, ChannelView channel, String name, long sequence,
                                ChaincodeParameters requested, WritableState publicState, List<OpaqueState> orgStates)
            throws LifecycleException {
        ChaincodeDefinition definition = nextDefinition(channelId, channel, name, sequence, requested, publicState);
        Readiness readiness = approvals(name, definition, orgStates);
        try {
            serializer.serialize(NAMESPACES, name, definition.toRecord(), publicState);
        } catch (StateException e) {
            throw new LifecycleException("could not serialize chaincode definition: " + e.getMessage(), e);
        }
        return readiness.approvals();
    }

    /** For each organisation, whether its implicit collection holds exactly these parameters for this sequence. */
    Readiness approvals(String name, ChaincodeDefinition definition, List<OpaqueState> orgStates)
            throws LifecycleException {
        String privateName = LifecycleKeys.privateName(name, definition.sequence());
        Map<String, Boolean> approvals = new LinkedHashMap<>();
        Map<String, List<String>> mismatches = new LinkedHashMap<>();
        for (OpaqueState orgState : orgStates) {
            HashComparison comparison;
            try {
                comparison = serializer.compareHashes(NAMESPACES, privateName, definition.parameters().toRecord(),
                        orgState);
            } catch (StateException e) {
                throw new LifecycleException("serialization check failed for key " + privateName + ": "
                        + e.getMessage(), e);
            }
            String org = LifecycleKeys.mspIdOfImplicitCollection(orgState.collection());
            approvals.put(org, comparison.matches());
            if (!comparison.matches()) {
                mismatches.put(org, comparison.mismatches());
            }
        }
        return new Readiness(approvals, mismatches);
    }

    /** The committed definition of {@code name}, if it has one; an error when the name holds something else. */
    Optional<ChaincodeDefinition> committedDefinition(String name, ReadableState publicState)
            throws LifecycleException {
        try {
            Optional<StateMetadata> metadata = serializer.metadata(NAMESPACES, name, publicState);
            if (metadata.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ChaincodeDefinition.fromRecord(serializer.deserialize(NAMESPACES, name, metadata.get(),
                    RecordType.CHAINCODE_DEFINITION, publicState)));
        } catch (StateException e) {
            throw new LifecycleException("could not deserialize namespace " + name + " as chaincode: " + e.getMessage(), e);
        }
    }

    /** The committed definition of {@code name}; status 404 when there is none. */
    ChaincodeDefinition queryDefinition(String name, ReadableState publicState) throws LifecycleException {
        return committedDefinition(name, publicState).orElseThrow(() ->
                new LifecycleException(LifecycleException.NOT_FOUND, "namespace " + name + " is not defined", null));
    }

    /**
     * This organisation's approval of {@code name} at {@code sequence}; with sequence 0, the latest: the next
     * sequence when approved, else the committed one.
     */
    Approval queryApproved(String channelId, String name, long sequence, ReadableState publicState,
                           ReadableState orgState) throws LifecycleException {
        try {
            long requested = sequence;
            if (requested == 0) {
                long current = currentSequence(name, publicState);
                requested = serializer.metadata(NAMESPACES, LifecycleKeys.privateName(name, current + 1), orgState)
                        .isPresent() ? current + 1 : current;
            }
            String privateName = LifecycleKeys.privateName(name, requested);
            Optional<StateMetadata> metadata = serializer.metadata(NAMESPACES, privateName, orgState);
            if (metadata.isEmpty()) {
                throw new LifecycleException("could not fetch approved chaincode definition (name: '" + name
                        + "', sequence: '" + requested + "') on channel '" + channelId + "'");
            }
            if (!metadata.get().getDatatype().equals(RecordType.CHAINCODE_PARAMETERS.datatype())) {
                throw new LifecycleException("not a chaincode parameters type: " + metadata.get().getDatatype());
            }
            ChaincodeParameters parameters = ChaincodeParameters.fromRecord(serializer.deserialize(NAMESPACES,
                    privateName, metadata.get(), RecordType.CHAINCODE_PARAMETERS, orgState));
            Optional<StateMetadata> source = serializer.metadata(CHAINCODE_SOURCES, privateName, orgState);
            if (source.isEmpty()) {
                throw new LifecycleException("could not fetch chaincode-source metadata for " + privateName);
            }
            if (!source.get().getDatatype().equals(RecordType.CHAINCODE_LOCAL_PACKAGE.datatype())) {
                throw new LifecycleException("not a chaincode local package type: " + source.get().getDatatype());
            }
            String packageId = ChaincodeLocalPackage.fromRecord(serializer.deserialize(CHAINCODE_SOURCES, privateName,
                    source.get(), RecordType.CHAINCODE_LOCAL_PACKAGE, orgState)).packageId();
            return new Approval(requested, parameters, packageId);
        } catch (StateException e) {
            throw new LifecycleException("could not read the approved definition of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Every defined namespace with its type ({@code Chaincode} for chaincode definitions), by name. */
    SortedMap<String, String> namespaces(RangeableState publicState) throws LifecycleException {
        try {
            SortedMap<String, String> result = new TreeMap<>();
            for (Map.Entry<String, StateMetadata> entry : serializer.allMetadata(NAMESPACES, publicState).entrySet()) {
                String type = entry.getValue().getDatatype();
                result.put(entry.getKey(), type.equals(RecordType.CHAINCODE_DEFINITION.datatype())
                        ? FRIENDLY_CHAINCODE_TYPE : type);
            }
            return result;
        } catch (StateException e) {
            throw new LifecycleException("could not query namespace metadata: " + e.getMessage(), e);
        }
    }
}
