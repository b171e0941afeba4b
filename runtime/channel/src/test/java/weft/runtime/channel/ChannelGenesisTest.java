package weft.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.identity.SignedData;
import weft.api.ordering.BatchConfig;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.configtx.ChannelGenesis;
import weft.runtime.configtx.ChannelSettings;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.policy.PolicyException;

/** The genesis block parses as the committer and ordering read it, and its policies are Fabric's standard ones. */
class ChannelGenesisTest {

    @TempDir
    static Path dir;

    static TestNode node;
    static Block genesis;
    static ChannelConfig config;

    @BeforeAll
    static void build() throws Exception {
        node = new TestNode(dir.resolve("crypto"));
        genesis = GenesisBlocks.of(node.profile("mychannel", BatchConfig.DEFAULT));
        config = ChannelConfig.fromConfigBlock(genesis);
    }

    @Test
    void genesisBlockParsesAsTheCommittersChannelConfig() {
        assertEquals(0, genesis.getHeader().getNumber());
        assertEquals("mychannel", config.channelId());
        assertEquals(0, config.sequence());
        assertEquals(List.of("Org1MSP"), List.copyOf(config.applicationOrganizations().keySet()));
        assertEquals(2, config.msps().msps().size());
    }

    @Test
    void ordererSettingsAreFabricsDefaultsAndCapabilitiesV20() throws Exception {
        ChannelSettings settings = ChannelSettings.read(ChannelConfig.configEnvelope(genesis).orElseThrow()
                .getConfig().getChannelGroup());

        assertEquals("solo", settings.orderer().consensusType());
        assertEquals(500, settings.orderer().batch().batchSize().maxMessageCount());
        assertEquals(10 * 1024 * 1024, settings.orderer().batch().batchSize().absoluteMaxBytes());
        assertEquals(2 * 1024 * 1024, settings.orderer().batch().batchSize().preferredMaxBytes());
        assertEquals(Duration.ofSeconds(2), settings.orderer().batch().batchTimeout());
        assertEquals(List.of(ChannelGenesis.V2_0), settings.applicationCapabilities());
        assertEquals(List.of(ChannelGenesis.V2_0), settings.channelCapabilities());
        assertTrue(settings.applicationV20());
    }

    @Test
    void writersAreTheOrganisationsClientsAndAdmins() throws Exception {
        assertSatisfied("/Channel/Application/Writers", node.user);
        assertSatisfied("/Channel/Application/Writers", node.admin);
        assertNotSatisfied("/Channel/Application/Writers", node.peer);
        assertSatisfied("/Channel/Writers", node.user);
    }

    @Test
    void endorsementPoliciesAreAMajorityOfTheOrganisationsPeers() throws Exception {
        assertSatisfied("/Channel/Application/Endorsement", node.peer);
        assertSatisfied("/Channel/Application/LifecycleEndorsement", node.peer);
        assertNotSatisfied("/Channel/Application/Endorsement", node.user);
    }

    @Test
    void blockValidationIsAnyOrdererWriterAndAdminsAreAdmins() throws Exception {
        assertSatisfied("/Channel/Orderer/BlockValidation", node.ordererIdentity);
        assertNotSatisfied("/Channel/Orderer/BlockValidation", node.peer);
        assertSatisfied("/Channel/Application/Admins", node.admin);
        assertNotSatisfied("/Channel/Application/Admins", node.user);
        assertSatisfied("/Channel/Application/Readers", node.peer);
    }

    @Test
    void profileRefusesAnInvalidChannelName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> node.profile("MyChannel", BatchConfig.DEFAULT));
        assertTrue(e.getMessage().startsWith("invalid channel name 'MyChannel'"), e.getMessage());
    }

    private static void assertSatisfied(String policy, LocalSigningIdentity signer) throws Exception {
        config.policies().evaluate(policy, List.of(signed(signer)));
    }

    private static void assertNotSatisfied(String policy, LocalSigningIdentity signer) throws Exception {
        assertThrows(PolicyException.class, () -> config.policies().evaluate(policy, List.of(signed(signer))),
                policy + " must not be satisfied by " + signer.mspId());
    }

    private static SignedData signed(LocalSigningIdentity signer) throws Exception {
        ByteString data = ByteString.copyFromUtf8("some bytes");
        return new SignedData(data, signer.serialize(), signer.sign(data));
    }
}
