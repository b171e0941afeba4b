package weft.runtime.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Turns a parsed policy into Fabric's wire form.
 *
 * <p><b>Identity numbering</b> follows Fabric (which evaluates gate arguments before the gate itself): every
 * gate first compiles its nested gates, left to right, then numbers its own principal strings in order. Every
 * principal occurrence gets its own entry; nothing is shared. So {@code OR('A.member', AND('B.member',
 * 'C.member'))} numbers B=0, C=1, A=2.
 *
 * <p><b>Weighted gates</b> compile to plain Fabric rules, so that any Fabric evaluator reaches the same verdict:
 * {@code WEIGHTED(T, t1=w1, …)} becomes {@code OutOf(1, [OutOf(|S|, S)…])} over every <i>minimal</i> set S of
 * terms whose weights add up to at least T (removing any member would drop it below T). Terms of weight 0 are
 * never in a minimal set. The sets are listed in lexicographic order of their term positions, and each term is
 * listed in position order inside its set. A principal term gets one identity entry, reused in every set that
 * contains it; a gate term's compiled rule is repeated verbatim. {@code WEIGHTED(0, …)} is {@code OutOf(0, [])},
 * always satisfied. As everywhere in Fabric, a signer counts once per set: terms of one set need distinct signers.
 */
final class PolicyCompiler {

    /** More minimal sets than this make a policy too large to evaluate per transaction. */
    static final int MAX_WEIGHTED_SETS = 1024;

    private final List<MSPPrincipal> identities = new ArrayList<>();

    private PolicyCompiler() {
    }

    static SignaturePolicyEnvelope compile(PolicyExpression expression) throws PolicySyntaxException {
        PolicyCompiler compiler = new PolicyCompiler();
        SignaturePolicy rule = compiler.rule(expression);
        return SignaturePolicyEnvelope.newBuilder().setVersion(0).setRule(rule)
                .addAllIdentities(compiler.identities).build();
    }

    private SignaturePolicy rule(PolicyExpression expression) throws PolicySyntaxException {
        if (expression instanceof PolicyExpression.Threshold gate) {
            return outOf(gate.threshold(), terms(gate.terms()));
        }
        if (expression instanceof PolicyExpression.Weighted gate) {
            return weighted(gate);
        }
        return signedBy((PolicyExpression.Principal) expression);
    }

    /** Nested gates first, then this gate's own principals, each in order; results in argument order. */
    private List<SignaturePolicy> terms(List<PolicyExpression> terms) throws PolicySyntaxException {
        SignaturePolicy[] rules = new SignaturePolicy[terms.size()];
        for (int i = 0; i < terms.size(); i++) {
            if (!(terms.get(i) instanceof PolicyExpression.Principal)) {
                rules[i] = rule(terms.get(i));
            }
        }
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i) instanceof PolicyExpression.Principal principal) {
                rules[i] = signedBy(principal);
            }
        }
        return List.of(rules);
    }

    private SignaturePolicy weighted(PolicyExpression.Weighted gate) throws PolicySyntaxException {
        List<SignaturePolicy> rules = terms(gate.terms());
        List<List<Integer>> sets = new ArrayList<>();
        minimalSets(gate.weights(), gate.threshold(), 0, new ArrayList<>(), 0, sets, gate.position());
        if (gate.threshold() == 0) {
            return outOf(0, List.of());
        }
        List<SignaturePolicy> alternatives = new ArrayList<>();
        for (List<Integer> set : sets) {
            alternatives.add(outOf(set.size(), set.stream().map(rules::get).toList()));
        }
        return outOf(1, alternatives);
    }

    /** Depth-first, lower positions first, which lists the sets in lexicographic order. */
    private static void minimalSets(List<Integer> weights, int threshold, int from, List<Integer> chosen, long sum,
                                    List<List<Integer>> sets, int position) throws PolicySyntaxException {
        if (threshold == 0) {
            return;
        }
        for (int i = from; i < weights.size(); i++) {
            int weight = weights.get(i);
            if (weight == 0) {
                continue;
            }
            chosen.add(i);
            long total = sum + weight;
            if (total >= threshold) {
                if (isMinimal(weights, chosen, total, threshold)) {
                    if (sets.size() == MAX_WEIGHTED_SETS) {
                        throw new PolicySyntaxException("the weighted gate has more than " + MAX_WEIGHTED_SETS
                                + " minimal combinations of terms; use fewer terms or coarser weights", position);
                    }
                    sets.add(List.copyOf(chosen));
                }
            } else {
                minimalSets(weights, threshold, i + 1, chosen, total, sets, position);
            }
            chosen.remove(chosen.size() - 1);
        }
    }

    private static boolean isMinimal(List<Integer> weights, List<Integer> chosen, long total, int threshold) {
        for (int index : chosen) {
            if (total - weights.get(index) >= threshold) {
                return false;
            }
        }
        return true;
    }

    private SignaturePolicy signedBy(PolicyExpression.Principal principal) {
        MSPRole role = MSPRole.newBuilder().setMspIdentifier(principal.mspId())
                .setRole(MSPRole.MSPRoleType.valueOf(principal.role().toUpperCase(Locale.ROOT))).build();
        identities.add(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(role.toByteString()).build());
        return SignaturePolicy.newBuilder().setSignedBy(identities.size() - 1).build();
    }

    private static SignaturePolicy outOf(int n, List<SignaturePolicy> rules) {
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(rules)).build();
    }
}
