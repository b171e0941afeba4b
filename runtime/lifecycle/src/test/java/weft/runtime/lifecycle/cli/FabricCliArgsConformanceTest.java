package weft.runtime.lifecycle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.testing.FabricLedgers;

/**
 * The options the operators of the real Fabric networks typed (their READMEs record them) map to exactly the
 * argument bytes Fabric's CLI sent: every lifecycle proposal in those ledgers is rebuilt from its options.
 */
class FabricCliArgsConformanceTest {

    @TempDir
    Path dir;

    private static final String PVTCC_COLLECTIONS = """
            [
              {"name": "coll12", "policy": "OR('Org1MSP.member','Org2MSP.member')", "requiredPeerCount": 0,
               "maxPeerCount": 1, "blockToLive": 0, "memberOnlyRead": true},
              {"name": "coll1", "policy": "OR('Org1MSP.member')", "requiredPeerCount": 0, "maxPeerCount": 1,
               "blockToLive": 3, "memberOnlyRead": true, "memberOnlyWrite": false,
               "endorsementPolicy": {"signaturePolicy": "OR('Org1MSP.peer')"}}
            ]""";

    /** The marbles02_private sample's collections_config.json (tabs, as the sample indents it). */
    private static final String MARBLESP_V1_COLLECTIONS = """
            [
            \t{
            \t\t"name": "collectionMarbles",
            \t\t"policy": "OR('Org1MSP.member', 'Org2MSP.member')",
            \t\t"requiredPeerCount": 1,
            \t\t"maxPeerCount": 2,
            \t\t"blockToLive":1000000
            \t},
            \t{
            \t\t"name": "collectionMarblePrivateDetails",
            \t\t"policy": "OR('Org2MSP.member', 'Org3MSP.member')",
            \t\t"requiredPeerCount": 1,
            \t\t"maxPeerCount": 2,
            \t\t"blockToLive":1000000
            \t}
            ]""";

    private static final String MARBLESP_V2_COLLECTIONS = """
            [{"Name": "collectionMarbles", "Policy": "OR('Org2MSP.member','Org3MSP.member')",
              "RequiredPeerCount": 1, "MaxPeerCount": 2, "BlockToLive": 1000000, "comment": "ignored"},
             {"name": "collectionMarblePrivateDetails",
              "policy": "OR('Org1MSP.member','Org2MSP.member','Org3MSP.member')",
              "requiredPeerCount": 1, "maxPeerCount": 2, "blockToLive": 1000000}]""";

    /** One lifecycle proposal of a ledger: function and argument bytes, in block order. */
    record Sent(long block, String function, ByteString args) {
    }

    private static List<Sent> lifecycleProposals(String ledger) throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(ledger))) {
            for (ByteString envelope : record.block().getData().getDataList()) {
                Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
                if (ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType()
                        != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    continue;
                }
                ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(
                        Transaction.parseFrom(payload.getData()).getActions(0).getPayload());
                ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(
                        ChaincodeProposalPayload.parseFrom(cap.getChaincodeProposalPayload()).getInput());
                if (spec.getChaincodeSpec().getChaincodeId().getName().equals("_lifecycle")) {
                    List<ByteString> args = spec.getChaincodeSpec().getInput().getArgsList();
                    sent.add(new Sent(record.block().getHeader().getNumber(), args.get(0).toStringUtf8(), args.get(1)));
                }
            }
        }
        return sent;
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Rebuilds the arguments the CLI sent in {@code block} from {@code options} (plus the recorded package id). */
    private static ByteString rebuild(Sent sent, List<String> options) throws Exception {
        List<String> all = new ArrayList<>(options);
        if (sent.function().equals("ApproveChaincodeDefinitionForMyOrg")) {
            ApproveChaincodeDefinitionForMyOrgArgs recorded = ApproveChaincodeDefinitionForMyOrgArgs.parseFrom(sent.args());
            if (recorded.getSource().hasLocalPackage()) {
                all.addAll(List.of("--package-id", recorded.getSource().getLocalPackage().getPackageId()));
            }
            return LifecycleOptions.parse(all).approveArgs().toByteString();
        }
        return LifecycleOptions.parse(all).commitArgs().toByteString();
    }

    private static void assertRebuilt(String ledger, Map<Long, List<String>> optionsByBlock) throws Exception {
        List<Sent> sent = lifecycleProposals(ledger);
        assertEquals(optionsByBlock.keySet(), new java.util.TreeSet<>(sent.stream().map(Sent::block).toList()),
                ledger + ": lifecycle blocks");
        for (Sent s : sent) {
            assertEquals(s.args(), rebuild(s, optionsByBlock.get(s.block())), ledger + " block " + s.block());
        }
    }

    @Test
    void rebuildsEveryLifecycleProposalOfFabricNetSmall() throws Exception {
        String pvtcc = file("pvtcc.json", PVTCC_COLLECTIONS).toString();
        List<String> basic = List.of("-n", "basic", "-v", "1.0", "--sequence", "1",
                "--signature-policy", "AND('Org1MSP.peer','Org2MSP.peer')");
        List<String> orcc = List.of("--name", "orcc", "--version", "1.0", "--sequence", "1", "--init-required",
                "--signature-policy", "OR('Org1MSP.peer','Org2MSP.peer')");
        List<String> pvt = List.of("-n", "pvtcc", "-v", "1.0", "--sequence=1", "--collections-config", pvtcc);
        List<String> orcc2 = List.of("-n", "orcc", "-v", "2.0", "--sequence", "2",
                "--signature-policy", "OutOf(2,'Org1MSP.peer','Org2MSP.peer')");
        List<String> orcc3 = List.of("-n", "orcc", "-v", "3.0", "--sequence", "3", "--escc", "", "--vscc", "",
                "--signature-policy", "OR('Org1MSP.peer','Org2MSP.peer')");
        Map<Long, List<String>> byBlock = new HashMap<>();
        byBlock.putAll(Map.of(1L, basic, 4L, basic, 7L, basic, 2L, orcc, 5L, orcc, 8L, orcc, 3L, pvt, 6L, pvt, 9L, pvt));
        byBlock.putAll(Map.of(32L, orcc2, 33L, orcc2, 34L, orcc2, 37L, orcc3, 38L, orcc3, 39L, orcc3));
        assertRebuilt(FabricLedgers.FABRIC_NET_SMALL, byBlock);
    }

    @Test
    void rebuildsEveryLifecycleProposalOfV20TestChannel() throws Exception {
        String policy = "OR('Org1MSP.member','Org2MSP.member','Org3MSP.member')";
        List<String> marblesp1 = List.of("-n", "marblesp", "-v", "1.0", "--sequence", "1", "--signature-policy", policy,
                "--collections-config", file("v1.json", MARBLESP_V1_COLLECTIONS).toString());
        List<String> marbles = List.of("-n", "marbles", "-v", "0.0", "--sequence", "1", "--signature-policy", policy);
        List<String> marblesp2 = List.of("-n", "marblesp", "-v", "1.1", "--sequence", "2", "--signature-policy", policy,
                "--collections-config", file("v2.json", MARBLESP_V2_COLLECTIONS).toString());
        Map<Long, List<String>> byBlock = new HashMap<>();
        for (long b = 5; b <= 8; b++) {
            byBlock.put(b, marblesp1);
        }
        for (long b = 9; b <= 12; b++) {
            byBlock.put(b, marbles);
        }
        for (long b = 14; b <= 17; b++) {
            byBlock.put(b, marblesp2);
        }
        assertRebuilt(FabricLedgers.V20_TESTCHANNEL, byBlock);
    }

    @Test
    void rebuildsEveryLifecycleProposalOfSampleProd() throws Exception {
        List<String> marbles = List.of("-n", "marbles", "-v", "1", "--sequence", "1");
        assertRebuilt(FabricLedgers.SAMPLE_PROD, Map.of(1L, marbles, 2L, marbles, 3L, marbles));
    }
}
