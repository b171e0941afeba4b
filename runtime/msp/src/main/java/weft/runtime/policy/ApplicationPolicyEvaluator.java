package weft.runtime.policy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import weft.api.identity.IdentityDeserializer;
import weft.api.identity.SignedData;
import weft.api.validation.PolicyEvaluator;
import weft.api.validation.PolicyNotSatisfiedException;

/**
 * Evaluates the endorsement policies that chaincode definitions and validation plugins hold: a marshalled
 * {@code ApplicationPolicy} that is either a signature policy or a reference to a channel-config policy.
 * Compiled signature policies are cached by their bytes, since a chaincode's policy repeats in every transaction.
 */
public final class ApplicationPolicyEvaluator implements PolicyEvaluator {

    private static final int CACHE_LIMIT = 1000;

    private final IdentityDeserializer deserializer;
    private final ChannelPolicies channelPolicies;
    private final Map<ByteString, SignaturePolicy> compiled = new ConcurrentHashMap<>();

    public ApplicationPolicyEvaluator(IdentityDeserializer deserializer, ChannelPolicies channelPolicies) {
        this.deserializer = deserializer;
        this.channelPolicies = channelPolicies;
    }

    @Override
    public void evaluate(ByteString policyBytes, List<SignedData> signatureSet) throws PolicyNotSatisfiedException {
        SignaturePolicy known = compiled.get(policyBytes);
        if (known != null) { // the usual case: a chaincode's policy, seen before
            if (!known.isSatisfiedBy(SignatureSet.validSigners(signatureSet, deserializer))) {
                throw new PolicyNotSatisfiedException("the endorsements do not satisfy the signature policy");
            }
            return;
        }
        ApplicationPolicy policy;
        try {
            policy = ApplicationPolicy.parseFrom(policyBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new PolicyNotSatisfiedException("the endorsement policy is not a valid ApplicationPolicy: "
                    + e.getMessage(), e);
        }
        try {
            switch (policy.getTypeCase()) {
                case SIGNATURE_POLICY -> {
                    SignaturePolicy signaturePolicy = compiled(policyBytes, policy);
                    if (!signaturePolicy.isSatisfiedBy(SignatureSet.validSigners(signatureSet, deserializer))) {
                        throw new PolicyNotSatisfiedException("the endorsements do not satisfy the signature policy");
                    }
                }
                case CHANNEL_CONFIG_POLICY_REFERENCE ->
                        channelPolicies.evaluate(policy.getChannelConfigPolicyReference(), signatureSet);
                default -> throw new PolicyNotSatisfiedException("the endorsement policy is empty");
            }
        } catch (PolicyException e) {
            throw new PolicyNotSatisfiedException(e.getMessage(), e);
        }
    }

    private SignaturePolicy compiled(ByteString key, ApplicationPolicy policy) throws PolicyException {
        SignaturePolicy cached = compiled.get(key);
        if (cached == null) {
            cached = SignaturePolicy.compile(policy.getSignaturePolicy());
            if (compiled.size() >= CACHE_LIMIT) {
                compiled.clear();
            }
            compiled.put(key, cached);
        }
        return cached;
    }
}
