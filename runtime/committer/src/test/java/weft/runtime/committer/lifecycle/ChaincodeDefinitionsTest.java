package weft.runtime.committer.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.runtime.policy.PolicyParser;
import weft.testing.FabricLedgers;

/** Definitions read back from the _lifecycle state a real Fabric network committed (fabric-net-small). */
class ChaincodeDefinitionsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheDefinitionsFabricsLifecycleCommittedAsTheyChange() throws Exception {
        List<BlockRecord> blocks = BlockFileReader.readAll(FabricLedgers.blockFile(FabricLedgers.FABRIC_NET_SMALL));
        try (ChannelLedger ledger = ChannelLedger.open(dir, "mychannel")) {
            ChaincodeDefinitions definitions = new ChaincodeDefinitions(ledger.state());
            for (BlockRecord record : blocks) {
                ledger.commit(record.block(), record.block().getMetadata().getMetadata(2).toByteArray());
                if (record.block().getHeader().getNumber() == 34) {
                    ChaincodeDefinition orcc = definitions.definition("orcc").orElseThrow();
                    assertEquals(2, orcc.sequence());
                    assertEquals("2.0", orcc.version());
                    assertEquals(policy("OutOf(2,'Org1MSP.peer','Org2MSP.peer')"), orcc.validationParameter());
                }
            }
            ChaincodeDefinition basic = definitions.definition("basic").orElseThrow();
            assertEquals(1, basic.sequence());
            assertEquals("escc", basic.endorsementPlugin());
            assertEquals("vscc", basic.validationPlugin());
            assertEquals(policy("AND('Org1MSP.peer','Org2MSP.peer')"), basic.validationParameter());

            ChaincodeDefinition orcc = definitions.definition("orcc").orElseThrow();
            assertEquals(3, orcc.sequence());
            assertEquals(policy("OR('Org1MSP.peer','Org2MSP.peer')"), orcc.validationParameter());

            ChaincodeDefinition pvtcc = definitions.definition("pvtcc").orElseThrow();
            assertEquals(ApplicationPolicy.newBuilder().setChannelConfigPolicyReference("/Channel/Application/Endorsement")
                    .build().toByteString(), pvtcc.validationParameter());
            assertEquals(List.of("coll12", "coll1"), pvtcc.collections().getConfigList().stream()
                    .map(c -> c.getStaticCollectionConfig().getName()).toList());

            assertTrue(definitions.definition("nope").isEmpty());
            assertEquals(new ValidationInfo("vscc", ApplicationPolicy.newBuilder()
                            .setChannelConfigPolicyReference("/Channel/Application/LifecycleEndorsement").build().toByteString()),
                    definitions.validationInfo("_lifecycle", true, List.of("Org1MSP", "Org2MSP")).orElseThrow());
            assertEquals(new ValidationInfo("vscc", policy("OutOf(2,'Org1MSP.member','Org2MSP.member')")),
                    definitions.validationInfo("_lifecycle", false, List.of("Org2MSP", "Org1MSP")).orElseThrow());
        }
    }

    /** The parameter Fabric's CLI commits for --signature-policy TEXT. */
    private static ByteString policy(String text) throws Exception {
        return ApplicationPolicy.newBuilder().setSignaturePolicy(PolicyParser.parse(text)).build().toByteString();
    }
}
