package weft.plugins.vscc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.Endorsement;
import weft.api.identity.SignedData;
import weft.api.plugin.Dependencies;
import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;
import weft.api.validation.CollectionConfigException;
import weft.api.validation.CollectionResources;
import weft.api.validation.ContextDatum;
import weft.api.validation.EndorsedAction;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.InvalidTransactionException;
import weft.api.validation.PolicyEvaluator;
import weft.api.validation.PolicyNotSatisfiedException;
import weft.api.validation.SerializedPolicy;
import weft.api.validation.State;
import weft.api.validation.StateFetcher;
import weft.api.validation.UpdatedValidationParameters;
import weft.api.validation.ValidationPlugin;

/**
 * Fabric's default validation, v2.0 rules, for one namespace of one transaction. Endorsements are signatures
 * over (proposal response payload ‖ endorser). Every key the transaction writes in the namespace — values and
 * metadata, public and private (by hash) — must satisfy its key-level policy when it has one, else its
 * collection's policy (private keys of a collection that has one), else the chaincode's endorsement policy; each
 * collection and the chaincode policy is evaluated at most once per transaction, and a transaction that writes
 * nothing is still checked against the chaincode policy. A key whose key-level policy an earlier valid
 * transaction of the block changed cannot be written.
 */
final class DefaultValidation implements ValidationPlugin {

    static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";

    private volatile PolicyEvaluator policies;
    private volatile StateFetcher states;
    private volatile CollectionResources collections;

    @Override
    public void init(Dependency... dependencies) throws PluginInitException {
        policies = Dependencies.require(PolicyEvaluator.class, dependencies);
        states = Dependencies.require(StateFetcher.class, dependencies);
        collections = Dependencies.require(CollectionResources.class, dependencies);
    }

    @Override
    public void validate(Block block, String namespace, int txPosition, int actionPosition, ContextDatum... contextData)
            throws InvalidTransactionException, ExecutionFailureException {
        if (policies == null) {
            throw new ExecutionFailureException("DefaultValidation was not initialised");
        }
        ByteString chaincodePolicy = datum(SerializedPolicy.class, contextData)
                .orElseThrow(() -> new ExecutionFailureException("no endorsement policy (SerializedPolicy) was passed "
                        + "for namespace " + namespace)).bytes();
        UpdatedValidationParameters updated = datum(UpdatedValidationParameters.class, contextData)
                .orElse(UpdatedValidationParameters.NONE);
        Optional<EndorsedAction> parsed = datum(EndorsedAction.class, contextData);
        Action action = action(parsed.isPresent() ? parsed.get() : EndorsedAction.fromBlock(block, txPosition, actionPosition));
        new Evaluation(namespace, chaincodePolicy, updated, action.signatures).run(action.rwset);
    }

    /** The parts of the transaction validation needs. */
    private record Action(List<SignedData> signatures, TxReadWriteSet rwset) {
    }

    /** The signatures and read-write set of the action. */
    private static Action action(EndorsedAction parsed) {
        return new Action(signatures(parsed.proposalResponsePayload(), parsed.endorsements()), parsed.readWriteSet());
    }

    private static List<SignedData> signatures(ByteString prpBytes, List<Endorsement> endorsements) {
        List<SignedData> signatures = new ArrayList<>(endorsements.size());
        for (Endorsement endorsement : endorsements) {
            signatures.add(new SignedData(prpBytes.concat(endorsement.getEndorser()), endorsement.getEndorser(),
                    endorsement.getSignature()));
        }
        return signatures;
    }

    /** One namespace of one transaction. */
    private final class Evaluation {
        private final String namespace;
        private final ByteString chaincodePolicy;
        private final UpdatedValidationParameters updated;
        private final List<SignedData> signatures;
        private final Set<String> satisfied = new HashSet<>(); // "" = chaincode policy, else collection names
        private boolean checkedSomePolicy;

        Evaluation(String namespace, ByteString chaincodePolicy, UpdatedValidationParameters updated,
                   List<SignedData> signatures) {
            this.namespace = namespace;
            this.chaincodePolicy = chaincodePolicy;
            this.updated = updated;
            this.signatures = signatures;
        }

        void run(TxReadWriteSet rwset) throws InvalidTransactionException, ExecutionFailureException {
            try (State state = states.fetchState()) {
                for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
                    if (!ns.getNamespace().equals(namespace)) {
                        continue;
                    }
                    KVRWSet kv = KVRWSet.parseFrom(ns.getRwset());
                    for (KVWrite write : kv.getWritesList()) {
                        publicKey(state, write.getKey());
                    }
                    for (KVMetadataWrite write : kv.getMetadataWritesList()) {
                        publicKey(state, write.getKey());
                    }
                    for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                        HashedRWSet hashed = HashedRWSet.parseFrom(collection.getHashedRwset());
                        for (KVWriteHash write : hashed.getHashedWritesList()) {
                            privateKey(state, collection.getCollectionName(), write.getKeyHash());
                        }
                        for (KVMetadataWriteHash write : hashed.getMetadataWritesList()) {
                            privateKey(state, collection.getCollectionName(), write.getKeyHash());
                        }
                    }
                }
                if (!checkedSomePolicy) {
                    evaluateOnce("", chaincodePolicy, "the chaincode's endorsement policy");
                }
            } catch (InvalidProtocolBufferException e) {
                throw new InvalidTransactionException("the read-write set does not parse: " + e.getMessage(), e);
            }
        }

        private void publicKey(State state, String key) throws InvalidTransactionException, ExecutionFailureException {
            requireNotUpdated("", ByteString.copyFrom(key, StandardCharsets.UTF_8), "key " + key);
            Optional<ByteString> keyPolicy = validationParameter(state.getStateMetadata(namespace, key));
            if (keyPolicy.isPresent()) {
                evaluate(keyPolicy.get(), "the key-level endorsement policy of key " + key);
            } else {
                evaluateOnce("", chaincodePolicy, "the chaincode's endorsement policy");
            }
        }

        private void privateKey(State state, String collection, ByteString keyHash)
                throws InvalidTransactionException, ExecutionFailureException {
            requireNotUpdated(collection, keyHash, "a key of collection " + collection);
            Map<String, ByteString> metadata;
            try {
                metadata = state.getPrivateDataMetadataByHash(namespace, collection, keyHash);
            } catch (CollectionConfigException e) {
                metadata = Map.of(); // deterministic: no key-level policy
            }
            Optional<ByteString> keyPolicy = validationParameter(metadata);
            if (keyPolicy.isPresent()) {
                evaluate(keyPolicy.get(), "the key-level endorsement policy of a key of collection " + collection);
                return;
            }
            Optional<ByteString> collectionPolicy;
            try {
                collectionPolicy = collections.collectionEndorsementPolicy(namespace, collection);
            } catch (CollectionConfigException e) {
                throw new InvalidTransactionException("collection " + collection + " of " + namespace + ": "
                        + e.getMessage(), e);
            }
            if (collectionPolicy.isPresent() && !collectionPolicy.get().isEmpty()) {
                evaluateOnce(collection, collectionPolicy.get(), "the endorsement policy of collection " + collection);
            } else {
                evaluateOnce("", chaincodePolicy, "the chaincode's endorsement policy");
            }
        }

        private void requireNotUpdated(String collection, ByteString key, String what) throws InvalidTransactionException {
            if (updated.contains(namespace, collection, key)) {
                throw new InvalidTransactionException("the key-level endorsement policy of " + what + " in " + namespace
                        + " was changed by an earlier valid transaction of this block");
            }
        }

        private Optional<ByteString> validationParameter(Map<String, ByteString> metadata) {
            ByteString parameter = metadata.get(VALIDATION_PARAMETER);
            return parameter == null || parameter.isEmpty() ? Optional.empty() : Optional.of(parameter);
        }

        /** Key-level policies are stored as SignaturePolicyEnvelope; the evaluator takes an ApplicationPolicy. */
        private void evaluate(ByteString keyPolicy, String what) throws InvalidTransactionException {
            try {
                ByteString policy = ApplicationPolicy.newBuilder()
                        .setSignaturePolicy(SignaturePolicyEnvelope.parseFrom(keyPolicy)).build().toByteString();
                policies.evaluate(policy, signatures);
                checkedSomePolicy = true;
            } catch (InvalidProtocolBufferException e) {
                throw new InvalidTransactionException(what + " is not a valid signature policy", e);
            } catch (PolicyNotSatisfiedException e) {
                throw new InvalidTransactionException(what + " is not satisfied: " + e.getMessage(), e);
            }
        }

        private void evaluateOnce(String scope, ByteString policy, String what) throws InvalidTransactionException {
            checkedSomePolicy = true;
            if (!satisfied.add(scope)) {
                return;
            }
            try {
                policies.evaluate(policy, signatures);
            } catch (PolicyNotSatisfiedException e) {
                throw new InvalidTransactionException(what + " is not satisfied: " + e.getMessage(), e);
            }
        }
    }

    private static <T> Optional<T> datum(Class<T> type, ContextDatum... data) {
        for (ContextDatum datum : data) {
            if (type.isInstance(datum)) {
                return Optional.of(type.cast(datum));
            }
        }
        return Optional.empty();
    }
}
