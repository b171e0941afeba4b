package weft.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static weft.runtime.policy.Signers.envelope;
import static weft.runtime.policy.Signers.outOf;
import static weft.runtime.policy.Signers.signedBy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

    @Test
    void orAndAndBecomeOutOf() throws Exception {
        assertEquals(envelope(outOf(1, signedBy(0), signedBy(1)), member("A"), member("B")),
                PolicyParser.parse("OR('A.member', 'B.member')"));
        assertEquals(envelope(outOf(2, signedBy(0), signedBy(1)), member("A"), member("B")),
                PolicyParser.parse("AND('A.member', 'B.member')"));
        assertEquals(envelope(outOf(1, signedBy(0)), peer("Org1MSP")), PolicyParser.parse("OR('Org1MSP.peer')"));
    }

    @Test
    void nestedGatesTakeIdentityIndicesBeforeTheEnclosingGatesPrincipals() throws Exception {
        assertEquals(envelope(outOf(1, signedBy(2), outOf(2, signedBy(0), signedBy(1))),
                        member("B"), member("C"), member("A")),
                PolicyParser.parse("OR('A.member', AND('B.member', 'C.member'))"));
        // AND(OR(A,B), C, OR(D, AND(E,F))): OR(A,B) -> A0 B1; AND(E,F) -> E2 F3; OR(D,…) -> D4; then C5.
        assertEquals(envelope(outOf(3, outOf(1, signedBy(0), signedBy(1)), signedBy(5),
                                outOf(1, signedBy(4), outOf(2, signedBy(2), signedBy(3)))),
                        peer("A"), peer("B"), peer("E"), peer("F"), peer("D"), peer("C")),
                PolicyParser.parse("AND(OR('A.peer','B.peer'), 'C.peer', OR('D.peer', AND('E.peer','F.peer')))"));
    }

    @Test
    void everyOccurrenceOfAPrincipalGetsItsOwnEntry() throws Exception {
        assertEquals(envelope(outOf(2, signedBy(0), signedBy(1)), member("A"), member("A")),
                PolicyParser.parse("AND('A.member', 'A.member')"));
    }

    @Test
    void acceptsEveryRoleSpellingAndQuotedThresholds() throws Exception {
        SignaturePolicyEnvelope policy = PolicyParser.parse(
                "outof('2', 'O.admin', 'O.member', 'O.client', 'O.peer', 'O.orderer')");
        assertEquals(List.of(MSPRoleType.ADMIN, MSPRoleType.MEMBER, MSPRoleType.CLIENT, MSPRoleType.PEER,
                MSPRoleType.ORDERER), policy.getIdentitiesList().stream().map(PolicyParserTest::role).toList());
        assertEquals(2, policy.getRule().getNOutOf().getN());
        assertEquals(PolicyParser.parse("AND('a-b.c.peer', \"D.peer\")"),
                PolicyParser.parse("  and ( 'a-b.c.peer' ,'D.peer' ) "));
    }

    @Test
    void outOfAcceptsOneMoreThanItsTermsAsFabricDoes() throws Exception {
        assertEquals(3, PolicyParser.parse("OutOf(3, 'A.member', 'B.member')").getRule().getNOutOf().getN());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"| 0 | the policy is empty",
            "'A.member'| 0 | a policy must start with a gate (AND, OR, OutOf or WEIGHTED), found 'A.member'",
            "XOR('A.member')| 0 | unknown gate 'XOR'; expected AND, OR, OutOf or WEIGHTED",
            "AND('A.member', 'B.member'| 26 | expected ',' or ')' in AND, found the end of the policy",
            "AND('A.member') OR('B.member')| 16 | unexpected 'OR' after the policy",
            "AND('A.members')| 4 | principal 'A.members' must be '<MSP id>.<role>' with role admin, member, client, peer or orderer",
            "AND('Org_1.member')| 4 | principal 'Org_1.member' must be '<MSP id>.<role>' with role admin, member, client, peer or orderer",
            "AND()| 4 | AND needs at least one term",
            "OutOf(4, 'A.member', 'B.member')| 6 | OutOf threshold 4 is out of range for 2 term(s): it must be between 0 and 3",
            "OutOf(-1, 'A.member')| 6 | OutOf threshold -1 is out of range for 1 term(s): it must be between 0 and 2",
            "OutOf('two', 'A.member')| 6 | the threshold of OutOf must be a whole number, was 'two'",
            "OutOf(1)| 7 | expected ',' and the terms of OutOf after its threshold, found ')'",
            "AND('A.member' 'B.member')| 15 | expected ',' or ')' in AND, found 'B.member'",
            "AND('A.member)| 4 | unterminated string starting here",
            "AND('A.member', 7)| 16 | expected a quoted principal such as 'Org1MSP.peer' or a gate, found '7'",
            "AND('A.member'; 'B.member')| 14 | unexpected character ';'",
    })
    void reportsSyntaxErrorsWithTheirPosition(String text, int position, String problem) {
        PolicySyntaxException e = assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(text));
        assertEquals("at position " + position + ": " + problem, e.getMessage());
        assertEquals(position, e.position());
    }

    @Test
    void weightedGateCompilesToItsMinimalSets() throws Exception {
        // {A,B} = 50 and {C} = 50 are minimal; {A,C} is not (C alone suffices).
        assertEquals(envelope(outOf(1, outOf(2, signedBy(0), signedBy(1)), outOf(1, signedBy(2))),
                        peer("A"), peer("B"), peer("C")),
                PolicyParser.parse("WEIGHTED(50, 'A.peer'=30, 'B.peer'=20, 'C.peer'=50)"));
    }

    @Test
    void weightedGateMixesWithOtherGates() throws Exception {
        // OR numbers its principals first (Org1=0, Org3=1), then WEIGHTED (Org1=2, Org2=3, Org3=4).
        // Minimal sets for 40 over weights 20, 20, 30: {Org1,Org2}, {Org1,Org3}, {Org2,Org3}.
        assertEquals(envelope(outOf(2, outOf(1, signedBy(0), signedBy(1)),
                                outOf(1, outOf(2, signedBy(2), signedBy(3)), outOf(2, signedBy(2), signedBy(4)),
                                        outOf(2, signedBy(3), signedBy(4)))),
                        peer("Org1MSP"), peer("Org3MSP"), peer("Org1MSP"), peer("Org2MSP"), peer("Org3MSP")),
                PolicyParser.parse("AND(OR('Org1MSP.peer','Org3MSP.peer'), "
                        + "WEIGHTED(40, 'Org1MSP.peer'=20, 'Org2MSP.peer'=20, 'Org3MSP.peer'=30))"));
    }

    @Test
    void weightedGateAcceptsNestedGatesAsTermsAndIgnoresZeroWeights() throws Exception {
        assertEquals(envelope(outOf(1, outOf(1, outOf(2, signedBy(0), signedBy(1)))),
                        peer("A"), peer("B"), peer("C")),
                PolicyParser.parse("WEIGHTED(10, AND('A.peer','B.peer')=10, 'C.peer'=0)"));
        assertEquals(envelope(outOf(0), peer("A")), PolicyParser.parse("WEIGHTED(0, 'A.peer'=5)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "WEIGHTED(50, 'A.peer'=30, 'B.peer'=15)| 9 | the weights of WEIGHTED add up to 45, below the threshold 50",
            "WEIGHTED(5, 'A.peer')| 20 | expected '=' and a weight after a term of WEIGHTED, found ')'",
            "WEIGHTED(5, 'A.peer'=-3)| 21 | a weight must not be negative, was -3",
            "WEIGHTED(5, 'A.peer'='3')| 21 | expected a weight (a whole number), found '3'",
            "WEIGHTED(-5, 'A.peer'=3)| 9 | the threshold of WEIGHTED must not be negative",
    })
    void reportsWeightedErrors(String text, int position, String problem) {
        PolicySyntaxException e = assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(text));
        assertEquals("at position " + position + ": " + problem, e.getMessage());
    }

    @Test
    void refusesAWeightedGateWithTooManyCombinations() {
        StringBuilder text = new StringBuilder("WEIGHTED(10");
        for (int i = 0; i < 20; i++) {
            text.append(", 'Org").append(i).append(".peer'=1");
        }
        PolicySyntaxException e = assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(text + ")"));
        assertEquals("at position 0: the weighted gate has more than 1024 minimal combinations of terms; "
                + "use fewer terms or coarser weights", e.getMessage());
    }

    private static MSPPrincipal member(String msp) {
        return Signers.role(msp, MSPRoleType.MEMBER);
    }

    private static MSPPrincipal peer(String msp) {
        return Signers.role(msp, MSPRoleType.PEER);
    }

    private static MSPRoleType role(MSPPrincipal principal) {
        try {
            return MSPRole.parseFrom(principal.getPrincipal()).getRole();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
