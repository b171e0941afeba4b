package weft.runtime.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import weft.runtime.policy.PolicyLexer.Kind;
import weft.runtime.policy.PolicyLexer.Token;

/**
 * Parses Fabric's endorsement-policy language into the {@code SignaturePolicyEnvelope} Fabric's
 * {@code policydsl.FromString} produces, byte for byte, plus Weft's weighted gate.
 * <pre>{@code
 * PolicyParser.parse("AND('Org1MSP.peer', OR('Org2MSP.peer', 'Org3MSP.peer'))");
 * PolicyParser.parse("OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')");
 * PolicyParser.parse("WEIGHTED(50, 'Org1MSP.peer'=30, 'Org2MSP.peer'=20, 'Org3MSP.peer'=50)");
 * }</pre>
 * The language: {@code AND(t, …)} (also {@code And}, {@code and}), {@code OR(t, …)} ({@code Or}, {@code or}),
 * {@code OutOf(n, t, …)} ({@code outof}, {@code OUTOF}; n a number or quoted number, 0 ≤ n ≤ terms + 1),
 * {@code WEIGHTED(threshold, t=w, …)} ({@code Weighted}, {@code weighted}); a term is a gate or a quoted
 * principal {@code 'MSPID.role'} with role admin, member, client, peer or orderer. See {@link PolicyCompiler}
 * for how identities are numbered and how weighted gates are encoded.
 */
public final class PolicyParser {

    private static final Pattern PRINCIPAL = Pattern.compile("^([A-Za-z0-9.-]+)\\.(admin|member|client|peer|orderer)$");

    private enum Gate { AND, OR, OUT_OF, WEIGHTED }

    private static final Map<String, Gate> GATES = Map.ofEntries(
            Map.entry("AND", Gate.AND), Map.entry("And", Gate.AND), Map.entry("and", Gate.AND),
            Map.entry("OR", Gate.OR), Map.entry("Or", Gate.OR), Map.entry("or", Gate.OR),
            Map.entry("OutOf", Gate.OUT_OF), Map.entry("outof", Gate.OUT_OF), Map.entry("OUTOF", Gate.OUT_OF),
            Map.entry("WEIGHTED", Gate.WEIGHTED), Map.entry("Weighted", Gate.WEIGHTED),
            Map.entry("weighted", Gate.WEIGHTED));

    /** Deeper nesting than this is refused rather than risking the stack on hostile input. */
    static final int MAX_DEPTH = 500;

    private final List<Token> tokens;
    private int next;
    private int depth;

    private PolicyParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses policy text.
     *
     * @throws PolicySyntaxException naming the position and what was expected there
     */
    public static SignaturePolicyEnvelope parse(String text) throws PolicySyntaxException {
        if (text == null || text.isBlank()) {
            throw new PolicySyntaxException("the policy is empty", 0);
        }
        PolicyParser parser = new PolicyParser(PolicyLexer.tokens(text));
        Token first = parser.peek();
        if (first.kind() != Kind.NAME) {
            throw new PolicySyntaxException("a policy must start with a gate (AND, OR, OutOf or WEIGHTED), found "
                    + first.describe(), first.position());
        }
        PolicyExpression expression = parser.gate();
        Token end = parser.peek();
        if (end.kind() != Kind.END) {
            throw new PolicySyntaxException("unexpected " + end.describe() + " after the policy", end.position());
        }
        return PolicyCompiler.compile(expression);
    }

    private PolicyExpression gate() throws PolicySyntaxException {
        Token name = take();
        if (++depth > MAX_DEPTH) {
            throw new PolicySyntaxException("gates are nested more than " + MAX_DEPTH + " deep", name.position());
        }
        try {
            return gateBody(name);
        } finally {
            depth--;
        }
    }

    private PolicyExpression gateBody(Token name) throws PolicySyntaxException {
        Gate gate = GATES.get(name.text());
        if (gate == null) {
            throw new PolicySyntaxException("unknown gate '" + name.text()
                    + "'; expected AND, OR, OutOf or WEIGHTED", name.position());
        }
        expect(Kind.OPEN, "'(' after " + name.text());
        return switch (gate) {
            case AND, OR -> {
                List<PolicyExpression> terms = terms(name);
                yield new PolicyExpression.Threshold(gate == Gate.AND ? terms.size() : 1, terms, name.position());
            }
            case OUT_OF -> outOf(name);
            case WEIGHTED -> weighted(name);
        };
    }

    private PolicyExpression outOf(Token name) throws PolicySyntaxException {
        Token count = take();
        int n;
        if (count.kind() == Kind.NUMBER || count.kind() == Kind.STRING) {
            n = integer(count, "the threshold of " + name.text());
        } else {
            throw new PolicySyntaxException("expected the threshold of " + name.text() + " (a number), found "
                    + count.describe(), count.position());
        }
        expect(Kind.COMMA, "',' and the terms of " + name.text() + " after its threshold");
        List<PolicyExpression> terms = terms(name);
        if (n < 0 || n > terms.size() + 1) {
            throw new PolicySyntaxException(name.text() + " threshold " + n + " is out of range for " + terms.size()
                    + " term(s): it must be between 0 and " + (terms.size() + 1), count.position());
        }
        return new PolicyExpression.Threshold(n, terms, name.position());
    }

    private PolicyExpression weighted(Token name) throws PolicySyntaxException {
        Token count = take();
        if (count.kind() != Kind.NUMBER) {
            throw new PolicySyntaxException("expected the threshold of " + name.text() + " (a number), found "
                    + count.describe(), count.position());
        }
        int threshold = integer(count, "the threshold of " + name.text());
        if (threshold < 0) {
            throw new PolicySyntaxException("the threshold of " + name.text() + " must not be negative",
                    count.position());
        }
        expect(Kind.COMMA, "',' and the weighted terms of " + name.text() + " after its threshold");
        List<PolicyExpression> terms = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        do {
            terms.add(term());
            Token equals = peek();
            if (equals.kind() != Kind.EQUALS) {
                throw new PolicySyntaxException("expected '=' and a weight after a term of " + name.text()
                        + ", found " + equals.describe(), equals.position());
            }
            take();
            Token weight = take();
            if (weight.kind() != Kind.NUMBER) {
                throw new PolicySyntaxException("expected a weight (a whole number), found " + weight.describe(),
                        weight.position());
            }
            int w = integer(weight, "a weight");
            if (w < 0) {
                throw new PolicySyntaxException("a weight must not be negative, was " + w, weight.position());
            }
            weights.add(w);
        } while (commaOrClose(name));
        long total = weights.stream().mapToLong(Integer::longValue).sum();
        if (total < threshold) {
            throw new PolicySyntaxException("the weights of " + name.text() + " add up to " + total
                    + ", below the threshold " + threshold, count.position());
        }
        return new PolicyExpression.Weighted(threshold, terms, weights, name.position());
    }

    /** One or more terms separated by commas, through the closing parenthesis. */
    private List<PolicyExpression> terms(Token gate) throws PolicySyntaxException {
        List<PolicyExpression> terms = new ArrayList<>();
        if (peek().kind() == Kind.CLOSE) {
            throw new PolicySyntaxException(gate.text() + " needs at least one term", peek().position());
        }
        do {
            terms.add(term());
        } while (commaOrClose(gate));
        return terms;
    }

    /** Consumes ',' (true: another term follows) or ')' (false: the gate ends). */
    private boolean commaOrClose(Token gate) throws PolicySyntaxException {
        Token token = take();
        if (token.kind() == Kind.COMMA) {
            return true;
        }
        if (token.kind() == Kind.CLOSE) {
            return false;
        }
        throw new PolicySyntaxException("expected ',' or ')' in " + gate.text() + ", found " + token.describe(),
                token.position());
    }

    private PolicyExpression term() throws PolicySyntaxException {
        Token token = peek();
        if (token.kind() == Kind.NAME) {
            return gate();
        }
        if (token.kind() == Kind.STRING) {
            take();
            Matcher matcher = PRINCIPAL.matcher(token.text());
            if (!matcher.matches()) {
                throw new PolicySyntaxException("principal '" + token.text() + "' must be '<MSP id>.<role>' with "
                        + "role admin, member, client, peer or orderer", token.position());
            }
            return new PolicyExpression.Principal(matcher.group(1), matcher.group(2), token.position());
        }
        throw new PolicySyntaxException("expected a quoted principal such as 'Org1MSP.peer' or a gate, found "
                + token.describe(), token.position());
    }

    private static int integer(Token token, String what) throws PolicySyntaxException {
        try {
            return Integer.parseInt(token.text().trim());
        } catch (NumberFormatException e) {
            throw new PolicySyntaxException(what + " must be a whole number, was '" + token.text() + "'",
                    token.position());
        }
    }

    private void expect(Kind kind, String what) throws PolicySyntaxException {
        Token token = take();
        if (token.kind() != kind) {
            throw new PolicySyntaxException("expected " + what + ", found " + token.describe(), token.position());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }
}
