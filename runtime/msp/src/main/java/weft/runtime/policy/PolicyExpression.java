package weft.runtime.policy;

import java.util.List;

/** The parsed form of policy text, before identities are numbered. */
sealed interface PolicyExpression {

    int position();

    /** {@code '<mspId>.<role>'} */
    record Principal(String mspId, String role, int position) implements PolicyExpression {
    }

    /** AND, OR and OutOf: at least {@code threshold} of {@code terms}. */
    record Threshold(int threshold, List<PolicyExpression> terms, int position) implements PolicyExpression {
        public Threshold {
            terms = List.copyOf(terms);
        }
    }

    /** WEIGHTED: the weights of the satisfied terms add up to at least {@code threshold}. */
    record Weighted(int threshold, List<PolicyExpression> terms, List<Integer> weights, int position)
            implements PolicyExpression {
        public Weighted {
            terms = List.copyOf(terms);
            weights = List.copyOf(weights);
        }
    }
}
