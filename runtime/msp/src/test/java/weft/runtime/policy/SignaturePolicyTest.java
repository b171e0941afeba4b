package weft.runtime.policy;

import static org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType.MEMBER;
import static org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType.PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weft.runtime.policy.Signers.envelope;
import static weft.runtime.policy.Signers.outOf;
import static weft.runtime.policy.Signers.role;
import static weft.runtime.policy.Signers.sign;
import static weft.runtime.policy.Signers.signedBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;
import weft.api.identity.SignedData;
import weft.runtime.cryptogen.IssuedCertificate;
import weft.runtime.msp.MspManager;
import weft.runtime.msp.TestOrg;

class SignaturePolicyTest {

    private final TestOrg org1 = new TestOrg("Org1MSP");
    private final TestOrg org2 = new TestOrg("Org2MSP");
    private final TestOrg org3 = new TestOrg("Org3MSP");
    private final IssuedCertificate peer1 = org1.issue("peer0.org1", "peer");
    private final IssuedCertificate peer1b = org1.issue("peer1.org1", "peer");
    private final IssuedCertificate client1 = org1.issue("user1.org1", "client");
    private final IssuedCertificate peer2 = org2.issue("peer0.org2", "peer");
    private final IssuedCertificate peer3 = org3.issue("peer0.org3", "peer");
    private final MspManager msps;

    /** OutOf(2, Org1.peer, Org2.peer, Org3.peer) */
    private final SignaturePolicyEnvelope twoOfThree = envelope(outOf(2, signedBy(0), signedBy(1), signedBy(2)),
            role("Org1MSP", PEER), role("Org2MSP", PEER), role("Org3MSP", PEER));

    SignaturePolicyTest() throws Exception {
        msps = new MspManager(List.of(org1.msp(), org2.msp(), org3.msp()));
    }

    @Test
    void twoOfThreeOrganisationsAreNeeded() throws Exception {
        assertTrue(satisfies(twoOfThree, sign(org1, peer1), sign(org3, peer3)));
        assertFalse(satisfies(twoOfThree, sign(org2, peer2)));
        assertFalse(satisfies(twoOfThree, sign(org1, peer1), sign(org1, peer1b)), "two peers of one org are one org");
    }

    @Test
    void aSignerCountsOnce() throws Exception {
        SignaturePolicyEnvelope twoOrg1Peers = envelope(outOf(2, signedBy(0), signedBy(1)),
                role("Org1MSP", PEER), role("Org1MSP", PEER));

        assertFalse(satisfies(twoOrg1Peers, sign(org1, peer1), sign(org1, peer1)));
        assertTrue(satisfies(twoOrg1Peers, sign(org1, peer1), sign(org1, peer1b)));
    }

    @Test
    void invalidSignaturesAreSkippedButALaterGoodCopyCounts() throws Exception {
        SignaturePolicyEnvelope org1Peer = envelope(outOf(1, signedBy(0)), role("Org1MSP", PEER));

        assertFalse(satisfies(org1Peer, Signers.badSignature(org1, peer1)));
        assertTrue(satisfies(org1Peer, Signers.badSignature(org1, peer1), sign(org1, peer1)));
        assertFalse(satisfies(org1Peer, new SignedData(Signers.DATA, ByteString.copyFromUtf8("junk"),
                Signers.DATA)), "an undeserializable signer is skipped");
    }

    @Test
    void matchesGreedilyWithoutBacktrackingAsFabricDoes() throws Exception {
        // AND('Org1MSP.member', 'Org1MSP.peer') with signers [peer, client]: the member rule takes the peer first,
        // leaving only the client for the peer rule. A backtracking matcher would accept; Fabric rejects.
        SignaturePolicyEnvelope memberAndPeer = envelope(outOf(2, signedBy(0), signedBy(1)),
                role("Org1MSP", MEMBER), role("Org1MSP", PEER));

        assertFalse(satisfies(memberAndPeer, sign(org1, peer1), sign(org1, client1)));
        assertTrue(satisfies(memberAndPeer, sign(org1, client1), sign(org1, peer1)));
    }

    @Test
    void evaluatesEverySubRuleAndKeepsOnlySatisfiedMarks() throws Exception {
        // OutOf(1, AND(Org1.peer, Org2.peer), Org1.peer): the failed AND must not consume Org1's peer.
        SignaturePolicyEnvelope policy = envelope(outOf(1, outOf(2, signedBy(0), signedBy(1)), signedBy(0)),
                role("Org1MSP", PEER), role("Org2MSP", PEER));

        assertTrue(satisfies(policy, sign(org1, peer1)));
    }

    @Test
    void zeroOutOfAnythingIsSatisfiedAndOneOutOfNothingIsNot() throws Exception {
        assertTrue(satisfies(envelope(outOf(0)), sign(org1, peer1)));
        assertFalse(satisfies(envelope(outOf(1)), sign(org1, peer1)));
    }

    @Test
    void weightedPolicyNeedsTheWeightsOfItsSignersToReachTheThreshold() throws Exception {
        SignaturePolicyEnvelope weighted = PolicyParser.parse(
                "WEIGHTED(50, 'Org1MSP.peer'=30, 'Org2MSP.peer'=20, 'Org3MSP.peer'=50)");

        assertTrue(satisfies(weighted, sign(org1, peer1), sign(org2, peer2)));
        assertTrue(satisfies(weighted, sign(org3, peer3)));
        assertFalse(satisfies(weighted, sign(org1, peer1)));
        assertFalse(satisfies(weighted, sign(org2, peer2)));
        assertFalse(satisfies(weighted, sign(org1, peer1), sign(org1, peer1b)), "Org1's weight counts once per signer");
        assertTrue(satisfies(weighted, sign(org1, peer1), sign(org1, peer1b), sign(org2, peer2)));
    }

    @Test
    void weightedPolicyMixedWithAGateCountsEachSignerOnce() throws Exception {
        // (Org1 OR Org3) AND total weight >= 40. Fabric's OutOf evaluates every branch and keeps the signers of
        // each satisfied one, so the OR consumes every signer matching Org1 or Org3; those do not count again.
        SignaturePolicyEnvelope mix = PolicyParser.parse("AND(OR('Org1MSP.peer','Org3MSP.peer'), "
                + "WEIGHTED(40, 'Org1MSP.peer'=20, 'Org2MSP.peer'=20, 'Org3MSP.peer'=30))");

        assertFalse(satisfies(mix, sign(org1, peer1), sign(org2, peer2), sign(org3, peer3)),
                "the OR takes both Org1 and Org3, leaving only Org2's 20");
        assertFalse(satisfies(mix, sign(org1, peer1), sign(org2, peer2)));
        assertTrue(satisfies(mix, sign(org1, peer1), sign(org1, peer1b), sign(org2, peer2)),
                "the OR takes peer0.org1; peer1.org1 and Org2 weigh 40");
        // The same quirk without weights, as Fabric evaluates it: AND(OR(A, B), B) fails for signers {A, B}.
        assertFalse(satisfies(PolicyParser.parse("AND(OR('Org1MSP.peer','Org2MSP.peer'), 'Org2MSP.peer')"),
                sign(org1, peer1), sign(org2, peer2)));
    }

    @Test
    void rejectsAPrincipalIndexOutOfRange() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> SignaturePolicy.compile(envelope(outOf(1, signedBy(3)), role("Org1MSP", PEER))));
        assertEquals("the signature policy refers to principal 3 but has only 1", e.getMessage());
        assertEquals("the signature policy has no rule", assertThrows(PolicyException.class,
                () -> SignaturePolicy.compile(SignaturePolicyEnvelope.getDefaultInstance())).getMessage());
    }

    private boolean satisfies(SignaturePolicyEnvelope envelope, SignedData... signatures) throws PolicyException {
        return SignaturePolicy.compile(envelope).isSatisfiedBy(SignatureSet.validSigners(List.of(signatures), msps));
    }
}
