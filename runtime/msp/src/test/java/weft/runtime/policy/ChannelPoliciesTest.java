package weft.runtime.policy;

import static org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType.PEER;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static weft.runtime.policy.Signers.envelope;
import static weft.runtime.policy.Signers.outOf;
import static weft.runtime.policy.Signers.role;
import static weft.runtime.policy.Signers.sign;
import static weft.runtime.policy.Signers.signedBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.junit.jupiter.api.Test;
import weft.api.identity.SignedData;
import weft.api.validation.PolicyNotSatisfiedException;
import weft.runtime.msp.ChannelMsps;
import weft.runtime.msp.MspManager;
import weft.runtime.msp.TestOrg;

class ChannelPoliciesTest {

    private final TestOrg org1 = new TestOrg("Org1MSP");
    private final TestOrg org2 = new TestOrg("Org2MSP");
    private final TestOrg org3 = new TestOrg("Org3MSP");
    private final SignedData sig1 = sign(org1, org1.issue("peer0.org1", "peer"));
    private final SignedData sig2 = sign(org2, org2.issue("peer0.org2", "peer"));
    private final SignedData sig3 = sign(org3, org3.issue("peer0.org3", "peer"));
    private final ConfigGroup channel;
    private final MspManager msps;
    private final ChannelPolicies policies;

    ChannelPoliciesTest() throws Exception {
        ConfigGroup.Builder application = ConfigGroup.newBuilder()
                .putPolicies("Endorsement", meta("Endorsement", ImplicitMetaPolicy.Rule.MAJORITY))
                .putPolicies("Writers", meta("Writers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Admins", meta("Writers", ImplicitMetaPolicy.Rule.ALL));
        for (TestOrg org : List.of(org1, org2, org3)) {
            application.putGroups(org.mspId.replace("MSP", ""), ConfigGroup.newBuilder()
                    .putValues(ChannelMsps.MSP_VALUE, ConfigValue.newBuilder().setValue(MSPConfig.newBuilder()
                            .setConfig(org.config().build().toByteString()).build().toByteString()).build())
                    .putPolicies("Endorsement", signature(org.mspId))
                    .putPolicies("Writers", signature(org.mspId))
                    .build());
        }
        channel = ConfigGroup.newBuilder().putGroups("Application", application.build()).build();
        msps = ChannelMsps.fromConfig(channel);
        policies = ChannelPolicies.fromConfig(channel, msps);
    }

    @Test
    void buildsTheChannelsMspsFromItsConfig() {
        assertEquals(List.of("Org1MSP", "Org2MSP", "Org3MSP"),
                msps.msps().stream().map(m -> m.id()).sorted().toList());
    }

    @Test
    void majorityNeedsTwoOfThreeOrganisations() {
        assertDoesNotThrow(() -> policies.evaluate("/Channel/Application/Endorsement", List.of(sig1, sig3)));
        PolicyException e = assertThrows(PolicyException.class,
                () -> policies.evaluate("/Channel/Application/Endorsement", List.of(sig2)));
        assertEquals("policy /Channel/Application/Endorsement is not satisfied by the 1 valid signer(s) of 1 signature(s)",
                e.getMessage());
    }

    @Test
    void anyAndAllCountChildGroups() {
        assertDoesNotThrow(() -> policies.evaluate("/Channel/Application/Writers", List.of(sig2)));
        assertThrows(PolicyException.class, () -> policies.evaluate("/Channel/Application/Admins", List.of(sig1, sig2)));
        assertDoesNotThrow(() -> policies.evaluate("/Channel/Application/Admins", List.of(sig1, sig2, sig3)));
    }

    @Test
    void childWithoutTheSubPolicyCountsAsUnsatisfied() throws Exception {
        ConfigGroup.Builder application = channel.getGroupsMap().get("Application").toBuilder()
                .putPolicies("Readers", meta("Readers", ImplicitMetaPolicy.Rule.MAJORITY));
        application.putGroups("Org1", application.getGroupsMap().get("Org1").toBuilder()
                .putPolicies("Readers", signature("Org1MSP")).build());
        ChannelPolicies withReaders = ChannelPolicies.fromConfig(
                channel.toBuilder().putGroups("Application", application.build()).build(), msps);

        // Only Org1 defines Readers: MAJORITY of 3 children needs 2, and only one can ever be satisfied.
        assertThrows(PolicyException.class,
                () -> withReaders.evaluate("/Channel/Application/Readers", List.of(sig1, sig2, sig3)));
    }

    @Test
    void unknownPathIsAnError() {
        assertEquals("no policy /Channel/Application/Nope in the channel configuration",
                assertThrows(PolicyException.class,
                        () -> policies.evaluate("/Channel/Application/Nope", List.of(sig1))).getMessage());
    }

    @Test
    void applicationPoliciesReferToTheChannelOrCarryASignaturePolicy() throws Exception {
        ApplicationPolicyEvaluator evaluator = new ApplicationPolicyEvaluator(msps, policies);
        ByteString reference = ApplicationPolicy.newBuilder()
                .setChannelConfigPolicyReference("/Channel/Application/Endorsement").build().toByteString();
        ByteString org2Only = ApplicationPolicy.newBuilder().setSignaturePolicy(
                envelope(outOf(1, signedBy(0)), role("Org2MSP", PEER))).build().toByteString();

        evaluator.evaluate(reference, List.of(sig1, sig2));
        assertThrows(PolicyNotSatisfiedException.class, () -> evaluator.evaluate(reference, List.of(sig1)));
        evaluator.evaluate(org2Only, List.of(sig2));
        assertEquals("the endorsements do not satisfy the signature policy", assertThrows(
                PolicyNotSatisfiedException.class, () -> evaluator.evaluate(org2Only, List.of(sig1, sig3))).getMessage());
        assertThrows(PolicyNotSatisfiedException.class,
                () -> evaluator.evaluate(ByteString.copyFromUtf8("\u00ff\u00ff"), List.of(sig1)));
        assertEquals("the endorsement policy is empty", assertThrows(PolicyNotSatisfiedException.class,
                () -> evaluator.evaluate(ByteString.EMPTY, List.of(sig1))).getMessage());
    }

    private static ConfigPolicy meta(String subPolicy, ImplicitMetaPolicy.Rule rule) {
        return ConfigPolicy.newBuilder().setPolicy(Policy.newBuilder().setType(3).setValue(
                ImplicitMetaPolicy.newBuilder().setSubPolicy(subPolicy).setRule(rule).build().toByteString())).build();
    }

    private static ConfigPolicy signature(String mspId) {
        return ConfigPolicy.newBuilder().setPolicy(Policy.newBuilder().setType(1).setValue(
                envelope(outOf(1, signedBy(0)), role(mspId, PEER)).toByteString())).build();
    }
}
