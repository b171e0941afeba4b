package weft.api.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Builds a key-level endorsement policy that requires an endorsement from <em>every</em> listed organisation, the
 * policy form Fabric's state-based endorsement helper writes. Mutable builder; not thread-safe.
 * <pre>{@code
 * KeyEndorsementPolicy policy = KeyEndorsementPolicy.parse(stub.getStateValidationParameter(key));
 * policy.addOrgs(KeyEndorsementPolicy.Role.PEER, "Org2MSP");
 * stub.setStateValidationParameter(key, policy.toPolicy());
 * }</pre>
 */
public final class KeyEndorsementPolicy {

    /** Which members of an organisation may endorse. */
    public enum Role {
        MEMBER(MSPRole.MSPRoleType.MEMBER),
        PEER(MSPRole.MSPRoleType.PEER);

        private final MSPRole.MSPRoleType fabricRole;

        Role(MSPRole.MSPRoleType fabricRole) {
            this.fabricRole = fabricRole;
        }
    }

    private final Map<String, Role> orgs = new TreeMap<>();

    private KeyEndorsementPolicy() {
    }

    /** An empty policy, to add organisations to. */
    public static KeyEndorsementPolicy empty() {
        return new KeyEndorsementPolicy();
    }

    /**
     * Reads the organisations of an existing policy (from {@link ChaincodeStub#getStateValidationParameter});
     * an empty parameter gives an empty policy.
     *
     * @throws ChaincodeException when the bytes are not a policy of this form
     */
    public static KeyEndorsementPolicy parse(ByteString policy) {
        KeyEndorsementPolicy result = new KeyEndorsementPolicy();
        if (policy.isEmpty()) {
            return result;
        }
        try {
            SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.parseFrom(policy);
            for (MSPPrincipal principal : envelope.getIdentitiesList()) {
                if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) {
                    throw new ChaincodeException("key endorsement policy names a principal of classification "
                            + principal.getPrincipalClassification() + "; only organisation roles are supported");
                }
                MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                result.orgs.put(role.getMspIdentifier(),
                        role.getRole() == MSPRole.MSPRoleType.PEER ? Role.PEER : Role.MEMBER);
            }
            return result;
        } catch (InvalidProtocolBufferException e) {
            throw new ChaincodeException("key endorsement policy is not a SignaturePolicyEnvelope: " + e.getMessage());
        }
    }

    /** Requires an endorsement from each of {@code mspIds} in the given role (replacing a role set before). */
    public KeyEndorsementPolicy addOrgs(Role role, String... mspIds) {
        for (String mspId : mspIds) {
            if (mspId == null || mspId.isEmpty()) {
                throw new IllegalArgumentException("MSP id must not be empty");
            }
            orgs.put(mspId, role);
        }
        return this;
    }

    /** No longer requires these organisations. */
    public KeyEndorsementPolicy delOrgs(String... mspIds) {
        for (String mspId : mspIds) {
            orgs.remove(mspId);
        }
        return this;
    }

    /** The organisations the policy requires, sorted. */
    public Set<String> orgs() {
        return Set.copyOf(orgs.keySet());
    }

    /**
     * The marshalled {@code SignaturePolicyEnvelope}: every listed organisation must endorse. With no
     * organisations it is empty, which {@link ChaincodeStub#setStateValidationParameter} takes as "remove the
     * key-level policy" (a policy of zero organisations would let any endorsement through).
     */
    public ByteString toPolicy() {
        if (orgs.isEmpty()) {
            return ByteString.EMPTY;
        }
        SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder().setVersion(0);
        SignaturePolicy.NOutOf.Builder all = SignaturePolicy.NOutOf.newBuilder().setN(orgs.size());
        int index = 0;
        for (Map.Entry<String, Role> org : orgs.entrySet()) {
            MSPRole role = MSPRole.newBuilder().setMspIdentifier(org.getKey()).setRole(org.getValue().fabricRole).build();
            envelope.addIdentities(MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(role.toByteString()));
            all.addRules(SignaturePolicy.newBuilder().setSignedBy(index++));
        }
        return envelope.setRule(SignaturePolicy.newBuilder().setNOutOf(all)).build().toByteString();
    }
}
