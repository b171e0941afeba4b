package weft.plugins.anon;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.Endorsement;
import weft.api.plugin.Dependency;
import weft.api.validation.ContextDatum;
import weft.api.validation.EndorsedAction;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.InvalidTransactionException;
import weft.api.validation.SerializedPolicy;
import weft.api.validation.ValidationPlugin;
import weft.plugins.anon.crypto.AnonymousParameter;
import weft.plugins.anon.crypto.Ecdsa;
import weft.plugins.anon.crypto.EndorserField;
import weft.plugins.anon.crypto.Lsag;

/**
 * Validates anonymous endorsements against the chaincode definition's validation parameter (an
 * {@link AnonymousParameter}: mode, allow list of keys, threshold). Every endorsement of the action must be valid
 * and come from a distinct endorser — a distinct key in plain mode, a distinct link tag in ring mode — and there
 * must be at least {@code threshold} of them. Unlike Fabric's default validation, an invalid or repeated
 * endorsement makes the transaction invalid rather than being ignored. Key-level and collection policies are not
 * consulted: the parameter governs every write of the namespace.
 */
final class AnonymousValidation implements ValidationPlugin {

    private static final int CACHE_LIMIT = 64;

    /** Decoded parameters by their bytes: decoding keys and building the ring happens once per definition. */
    private final Map<ByteString, Policy> policies = new ConcurrentHashMap<>();

    /** A parameter with its plain keys ready to verify with. */
    private record Policy(AnonymousParameter parameter, Map<ECPoint, ECPublicKeyParameters> plainKeys) {
    }

    @Override
    public void init(Dependency... dependencies) {
        // Needs nothing from the peer: the allow list travels in the chaincode definition.
    }

    @Override
    public void validate(Block block, String namespace, int txPosition, int actionPosition, ContextDatum... contextData)
            throws InvalidTransactionException, ExecutionFailureException {
        SerializedPolicy serialized = datum(SerializedPolicy.class, contextData);
        if (serialized == null) {
            throw new ExecutionFailureException("no validation parameter (SerializedPolicy) was passed for namespace "
                    + namespace);
        }
        Policy policy = policy(serialized.bytes(), namespace);
        EndorsedAction parsed = datum(EndorsedAction.class, contextData);
        EndorsedAction action = parsed != null ? parsed : EndorsedAction.fromBlock(block, txPosition, actionPosition);
        check(policy, action.proposalResponsePayload().toByteArray(), action.endorsements(), namespace);
    }

    private Policy policy(ByteString bytes, String namespace) throws InvalidTransactionException {
        Policy cached = policies.get(bytes);
        if (cached != null) {
            return cached;
        }
        AnonymousParameter parameter;
        try {
            parameter = AnonymousParameter.parse(bytes.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new InvalidTransactionException("the validation parameter of " + namespace + " is not an anonymous "
                    + "endorsement parameter: " + e.getMessage(), e);
        }
        Map<ECPoint, ECPublicKeyParameters> plainKeys = new HashMap<>();
        if (parameter.mode() == AnonymousParameter.Mode.PLAIN) {
            for (ECPoint key : parameter.keys()) {
                plainKeys.put(key, Ecdsa.publicKey(key));
            }
        }
        Policy policy = new Policy(parameter, Map.copyOf(plainKeys));
        if (policies.size() >= CACHE_LIMIT) {
            policies.clear(); // definitions change rarely; a full cache means churn, start over
        }
        policies.put(bytes, policy);
        return policy;
    }

    private static void check(Policy policy, byte[] payload, List<Endorsement> endorsements, String namespace)
            throws InvalidTransactionException {
        AnonymousParameter parameter = policy.parameter();
        if (endorsements.size() > parameter.keys().size()) {
            // Each must be a distinct listed endorser: refuse before paying for any ring verification.
            throw new InvalidTransactionException(namespace + " lists " + parameter.keys().size() + " endorser keys, "
                    + "the transaction carries " + endorsements.size() + " endorsements");
        }
        Set<ECPoint> endorsers = new HashSet<>();
        ECPoint base = null;
        byte[] ringDigest = parameter.ring().digest();
        for (int i = 0; i < endorsements.size(); i++) {
            Endorsement endorsement = endorsements.get(i);
            byte[] endorser = endorsement.getEndorser().toByteArray();
            byte[] message = AnonymousEndorsement.concat(payload, endorser);
            byte[] signature = endorsement.getSignature().toByteArray();
            String which = "endorsement " + i + " of " + namespace;
            ECPoint id;
            try {
                if (parameter.mode() == AnonymousParameter.Mode.PLAIN) {
                    id = EndorserField.plainKey(endorser);
                    ECPublicKeyParameters key = policy.plainKeys().get(id);
                    if (key == null) {
                        throw new InvalidTransactionException(which + " is by a key that is not in the allow list");
                    }
                    if (!Ecdsa.verify(key, message, signature)) {
                        throw new InvalidTransactionException(which + " has an invalid signature");
                    }
                } else {
                    if (!EndorserField.namesRing(endorser, ringDigest)) {
                        throw new InvalidTransactionException(which + " is not a ring endorsement over the keys of "
                                + "this chaincode's validation parameter");
                    }
                    id = EndorserField.linkTag(endorser);
                    if (base == null) {
                        base = Lsag.linkBase(ringDigest, payload);
                    }
                    if (!Lsag.verify(parameter.ring(), base, id, message, signature)) {
                        throw new InvalidTransactionException(which + " has an invalid ring signature");
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidTransactionException(which + ": " + e.getMessage(), e);
            }
            if (!endorsers.add(id)) {
                throw new InvalidTransactionException(which + " repeats an endorser that already endorsed this "
                        + (parameter.mode() == AnonymousParameter.Mode.RING ? "transaction (same link tag)"
                        : "transaction (same key)"));
            }
        }
        if (endorsers.size() < parameter.threshold()) {
            throw new InvalidTransactionException(namespace + " needs " + parameter.threshold()
                    + " distinct anonymous endorsers, the transaction has " + endorsers.size());
        }
    }

    private static <T> T datum(Class<T> type, ContextDatum... data) {
        for (ContextDatum datum : data) {
            if (type.isInstance(datum)) {
                return type.cast(datum);
            }
        }
        return null;
    }

}
