package weft.runtime.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import weft.api.identity.Identity;
import weft.api.identity.IdentityException;

/**
 * A compiled Fabric signature policy. Evaluation is Fabric's, step for step, because a different but "better"
 * matcher would give different verdicts on some signer sets and peers would diverge: signers are matched
 * greedily in order, {@code SignedBy} takes the first unused signer satisfying its principal, and
 * {@code NOutOf} evaluates every sub-rule (no short cut) on a scratch copy of the used-signer marks, keeping
 * the marks of the sub-rules that are satisfied.
 */
public final class SignaturePolicy {

    /** A compiled rule; {@code used} marks signers already consumed by an enclosing rule. */
    private interface Rule {
        boolean evaluate(List<Identity> signers, boolean[] used);
    }

    private final Rule rule;

    private SignaturePolicy(Rule rule) {
        this.rule = rule;
    }

    /**
     * Compiles an envelope.
     *
     * @throws PolicyException when a rule is missing or names a principal index the envelope does not have
     */
    public static SignaturePolicy compile(SignaturePolicyEnvelope envelope) throws PolicyException {
        if (!envelope.hasRule()) {
            throw new PolicyException("the signature policy has no rule");
        }
        return new SignaturePolicy(compile(envelope.getRule(), envelope.getIdentitiesList()));
    }

    private static Rule compile(org.hyperledger.fabric.protos.common.SignaturePolicy rule, List<MSPPrincipal> principals)
            throws PolicyException {
        switch (rule.getTypeCase()) {
            case SIGNED_BY: {
                int index = rule.getSignedBy();
                if (index < 0 || index >= principals.size()) {
                    throw new PolicyException("the signature policy refers to principal " + index + " but has only "
                            + principals.size());
                }
                MSPPrincipal principal = principals.get(index);
                String principalMsp = roleMsp(principal);
                return (signers, used) -> signedBy(principal, principalMsp, signers, used);
            }
            case N_OUT_OF: {
                int n = rule.getNOutOf().getN();
                List<Rule> rules = new ArrayList<>();
                for (org.hyperledger.fabric.protos.common.SignaturePolicy sub : rule.getNOutOf().getRulesList()) {
                    rules.add(compile(sub, principals));
                }
                return (signers, used) -> nOutOf(n, rules, signers, used);
            }
            default:
                throw new PolicyException("the signature policy has a rule of no known type");
        }
    }

    /**
     * The MSP a role principal names, or null for other classifications. An identity of another MSP never
     * satisfies a principal (Fabric checks the MSP id first), so such signers are skipped without asking the MSP,
     * which would parse the principal and build a mismatch error for every attempt.
     */
    private static String roleMsp(MSPPrincipal principal) {
        if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) {
            return null;
        }
        try {
            return MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier();
        } catch (InvalidProtocolBufferException e) {
            return null; // the MSP reports the malformed principal when asked
        }
    }

    private static boolean signedBy(MSPPrincipal principal, String principalMsp, List<Identity> signers, boolean[] used) {
        for (int i = 0; i < signers.size(); i++) {
            if (used[i] || (principalMsp != null && !principalMsp.equals(signers.get(i).mspId()))) {
                continue;
            }
            try {
                signers.get(i).satisfiesPrincipal(principal);
            } catch (IdentityException e) {
                continue;
            }
            used[i] = true;
            return true;
        }
        return false;
    }

    private static boolean nOutOf(int n, List<Rule> rules, List<Identity> signers, boolean[] used) {
        int satisfied = 0;
        boolean[] scratch = new boolean[used.length];
        for (Rule sub : rules) {
            System.arraycopy(used, 0, scratch, 0, used.length);
            if (sub.evaluate(signers, scratch)) {
                satisfied++;
                System.arraycopy(scratch, 0, used, 0, used.length);
            }
        }
        return satisfied >= n;
    }

    /** Whether the signers (already deduplicated and verified, see {@link SignatureSet}) satisfy the policy. */
    public boolean isSatisfiedBy(List<Identity> signers) {
        boolean[] used = new boolean[signers.size()];
        Arrays.fill(used, false);
        return rule.evaluate(signers, used);
    }
}
