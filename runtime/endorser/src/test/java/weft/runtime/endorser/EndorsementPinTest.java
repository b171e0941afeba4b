package weft.runtime.endorser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.handlers.PluginReference;

/**
 * A chaincode whose definition pins its endorsement plugin is endorsed only with exactly that plugin: with other
 * code the peer refuses the proposal (status 500) and names both identities.
 */
class EndorsementPinTest {

    private static final PluginIdentity SERVED = new PluginIdentity("DefaultEndorsement", "weft.plugins.escc", "0.1.0",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    @TempDir
    Path dir;

    private EndorserBench bench;

    @AfterEach
    void stop() throws Exception {
        bench.close();
    }

    @Test
    void aPinMatchingThePeersPluginIsEndorsedAsUsual() throws Exception {
        bench = new EndorserBench(dir, PluginReference.pinned("escc", SERVED).text(), SERVED);

        ProposalResponse response = bench.endorse(bench.client.propose(TestNetwork.CHANNEL, EndorserBench.CHAINCODE,
                "CreateAsset", "asset1", "blue", "5", "Tom")).response();

        assertEquals(200, response.getResponse().getStatus());
    }

    @Test
    void aPinToOtherPluginCodeIsRefusedNamingBothIdentities() throws Exception {
        PluginIdentity pinned = new PluginIdentity("DefaultEndorsement", "weft.plugins.escc", "0.2.0", SERVED.sha256());
        bench = new EndorserBench(dir, PluginReference.pinned("escc", pinned).text(), SERVED);

        ProposalResponse response = bench.org1Peer.process(bench.client.propose(TestNetwork.CHANNEL,
                EndorserBench.CHAINCODE, "CreateAsset", "asset1", "blue", "5", "Tom").bytes()).response();

        assertEquals(500, response.getResponse().getStatus());
        assertEquals("chaincode assets pins endorsement plugin 'escc' to " + pinned + ", but this peer's 'escc' is "
                + SERVED + "; not endorsing with a different plugin", response.getResponse().getMessage());
        assertFalse(response.hasEndorsement());
    }
}
