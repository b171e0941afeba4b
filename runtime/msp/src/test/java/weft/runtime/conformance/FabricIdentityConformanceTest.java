package weft.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weft.api.identity.Identity;
import weft.api.identity.SignedData;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.runtime.msp.ChannelMsps;
import weft.runtime.msp.MspManager;
import weft.runtime.policy.ApplicationPolicyEvaluator;
import weft.runtime.policy.ChannelPolicies;
import weft.runtime.policy.PolicyParser;
import weft.testing.FabricLedgers;

/**
 * Builds each real Fabric ledger's MSPs and policies from its own config blocks, then checks every signature
 * Fabric accepted: block signatures against {@code /Channel/Orderer/BlockValidation}, and, in the all-valid
 * ledgers, every transaction creator and every endorser (validated identity, verified signature).
 */
class FabricIdentityConformanceTest {

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL, FabricLedgers.FABRIC_NET_SMALL})
    void everyBlockAfterGenesisSatisfiesTheOrderersBlockValidationPolicy(String ledger) throws Exception {
        Channel channel = null;
        for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(ledger))) {
            Block block = record.block();
            if (channel != null) {
                Channel current = channel;
                assertDoesNotThrow(() -> current.policies.evaluate("/Channel/Orderer/BlockValidation",
                        blockSignatures(block)), "block " + block.getHeader().getNumber());
            }
            ConfigEnvelope config = configOf(block);
            if (config != null) {
                channel = new Channel(config);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL})
    void everyCreatorAndEndorserOfAnAllValidLedgerValidatesAndVerifies(String ledger) throws Exception {
        Channel channel = null;
        int endorsements = 0;
        for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(ledger))) {
            ConfigEnvelope config = configOf(record.block());
            if (config != null) {
                channel = new Channel(config);
                continue;
            }
            for (ByteString data : record.block().getData().getDataList()) {
                Envelope envelope = Envelope.parseFrom(data);
                Payload payload = Payload.parseFrom(envelope.getPayload());
                SignatureHeader header = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
                Identity creator = channel.msps.deserializeIdentity(header.getCreator());
                creator.validate();
                creator.verify(envelope.getPayload(), envelope.getSignature());
                for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
                    ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(action.getPayload());
                    ByteString prp = cap.getAction().getProposalResponsePayload();
                    for (Endorsement endorsement : cap.getAction().getEndorsementsList()) {
                        Identity endorser = channel.msps.deserializeIdentity(endorsement.getEndorser());
                        endorser.validate();
                        endorser.verify(prp.concat(endorsement.getEndorser()), endorsement.getSignature());
                        endorsements++;
                    }
                }
            }
        }
        assertTrue(endorsements > 0, "the ledger holds endorsements");
    }

    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL})
    void channelMspsComeFromTheConfigBlock(String ledger) throws Exception {
        Channel channel = null;
        for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(ledger))) {
            ConfigEnvelope config = configOf(record.block());
            if (config != null) {
                channel = new Channel(config);
            }
        }
        List<String> ids = channel.msps.msps().stream().map(m -> m.id()).sorted().toList();
        assertEquals(ledger.equals(FabricLedgers.SAMPLE_PROD) ? List.of("SampleOrg")
                : List.of("OrdererOrgMSP", "Org1MSP", "Org2MSP", "Org3MSP"), ids);
    }

    @Test
    void parsedPolicyTextEqualsTheBytesFabricsCliCommittedAndEveryInvocationSatisfiesIt() throws Exception {
        // v20_testchannel's chaincodes were committed with
        // --signature-policy "OR('Org1MSP.member','Org2MSP.member','Org3MSP.member')"
        SignaturePolicyEnvelope parsed = PolicyParser.parse("OR('Org1MSP.member','Org2MSP.member','Org3MSP.member')");
        Channel channel = null;
        List<ByteString> committedPolicies = new ArrayList<>();
        int invocations = 0;
        for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(FabricLedgers.V20_TESTCHANNEL))) {
            ConfigEnvelope config = configOf(record.block());
            if (config != null) {
                channel = new Channel(config);
                continue;
            }
            for (ByteString data : record.block().getData().getDataList()) {
                Payload payload = Payload.parseFrom(Envelope.parseFrom(data).getPayload());
                ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(
                        Transaction.parseFrom(payload.getData()).getActions(0).getPayload());
                ChaincodeAction action = ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(
                        cap.getAction().getProposalResponsePayload()).getExtension());
                for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(action.getResults()).getNsRwsetList()) {
                    for (KVWrite write : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                        if (ns.getNamespace().equals("_lifecycle") && write.getKey().endsWith("/ValidationInfo")) {
                            ChaincodeValidationInfo info = ChaincodeValidationInfo.parseFrom(
                                    StateData.parseFrom(write.getValue()).getBytes());
                            committedPolicies.add(info.getValidationParameter());
                        }
                    }
                }
                if (!action.getChaincodeId().getName().equals("_lifecycle")) {
                    List<SignedData> endorsements = new ArrayList<>();
                    for (Endorsement e : cap.getAction().getEndorsementsList()) {
                        endorsements.add(new SignedData(cap.getAction().getProposalResponsePayload()
                                .concat(e.getEndorser()), e.getEndorser(), e.getSignature()));
                    }
                    new ApplicationPolicyEvaluator(channel.msps, channel.policies).evaluate(
                            ApplicationPolicy.newBuilder().setSignaturePolicy(parsed).build().toByteString(),
                            endorsements);
                    invocations++;
                }
            }
        }
        assertTrue(invocations > 0, "the ledger invokes chaincode");
        assertEquals(2, committedPolicies.size(), "marblesp and marbles each committed a validation parameter");
        for (ByteString committed : committedPolicies) {
            assertEquals(committed, ApplicationPolicy.newBuilder().setSignaturePolicy(parsed).build().toByteString());
        }
    }

    /** A channel's MSPs and policies as of a config block. */
    private static final class Channel {
        final MspManager msps;
        final ChannelPolicies policies;

        Channel(ConfigEnvelope config) throws Exception {
            msps = ChannelMsps.fromConfig(config.getConfig().getChannelGroup());
            policies = ChannelPolicies.fromConfig(config.getConfig().getChannelGroup(), msps);
        }
    }

    private static ConfigEnvelope configOf(Block block) throws Exception {
        if (block.getData().getDataCount() != 1) {
            return null;
        }
        Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        return header.getType() == HeaderType.CONFIG_VALUE ? ConfigEnvelope.parseFrom(payload.getData()) : null;
    }

    /** The orderer's signatures: each over metadata value || signature header || header DER. */
    private static List<SignedData> blockSignatures(Block block) throws Exception {
        Metadata metadata = Metadata.parseFrom(block.getMetadata().getMetadata(0));
        ByteString headerBytes = ByteString.copyFrom(BlockHashes.headerBytes(block.getHeader()));
        List<SignedData> signatures = new ArrayList<>();
        for (MetadataSignature signature : metadata.getSignaturesList()) {
            SignatureHeader header = SignatureHeader.parseFrom(signature.getSignatureHeader());
            signatures.add(new SignedData(metadata.getValue().concat(signature.getSignatureHeader()).concat(headerBytes),
                    header.getCreator(), signature.getSignature()));
        }
        return signatures;
    }
}
