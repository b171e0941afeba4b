package weft.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.plugins.anon.AnonymousEndorsementFactory;
import weft.plugins.anon.AnonymousValidationFactory;
import weft.runtime.lifecycle.cli.LifecycleOptions;

/**
 * The anonymous endorsement plugins on a running channel: a chaincode whose definition names them and carries a
 * ring of endorser keys is endorsed with a ring signature (no identity in the endorsement), ordered, and committed
 * as valid; after an upgrade to a threshold one endorser cannot meet, the same kind of transaction is invalid.
 */
class AnonymousEndorsementChannelTest {

    @TempDir
    Path dir;
    private ChannelHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void ringEndorsedTransactionsCommitAsValidAndAThresholdOneEndorserCannotMeetMakesThemInvalid() throws Exception {
        List<KeyPair> ring = new ArrayList<>();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0; i < 4; i++) {
            ring.add(generator.generateKeyPair());
        }
        Path key = dir.resolve("endorser-key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ring.get(2).getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path oneOf = parameter(dir.resolve("one-of.txt"), ring, 1);
        Path twoOf = parameter(dir.resolve("two-of.txt"), ring, 2);

        TestNode node = new TestNode(dir.resolve("crypto"));
        node.endorsementFactories.put("anon", new AnonymousEndorsementFactory(Map.of(
                "weft.anon.keyFile", key.toString(), "weft.anon.parameterFile", oneOf.toString())));
        node.validationFactories.put("anon", new AnonymousValidationFactory());
        host = node.host(dir.resolve("data"));
        host.join(GenesisBlocks.of(node.profile(TestNode.CHANNEL, TestNode.fastBatches())));
        ChannelClient admin = new ChannelClient(host, node.admin, TestNode.TIMEOUT);
        String packageId = admin.install(TestNode.CHANNEL, ByteString.copyFromUtf8("anon_1.0\nasset-transfer-basic"));
        define(admin, packageId, 1, oneOf);

        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(TestNode.CHANNEL, "anoncc",
                List.of("CreateAsset", "asset9", "green", "4", "Kai", "120"));
        ProposalResponse response = host.endorse(proposed.signed());
        assertEquals(200, response.getResponse().getStatus(), response.getResponse().getMessage());
        ByteString endorser = response.getEndorsement().getEndorser();
        assertEquals(66, endorser.size(), "ring digest and link tag, no identity");
        assertEquals(0x02, endorser.byteAt(0));
        assertEquals(32 * 5, response.getEndorsement().getSignature().size());
        CommitStatus committed = host.submit(client.transaction(proposed, List.of(response)), TestNode.TIMEOUT);
        assertEquals(TxValidationCode.VALID, committed.code());
        assertTrue(new ChannelClient(host, node.user, TestNode.TIMEOUT).evaluateStrings(TestNode.CHANNEL, "anoncc",
                List.of("ReadAsset", "asset9")).toStringUtf8().contains("Kai"));

        define(admin, packageId, 2, twoOf);
        GatewayClient.Proposed second = client.proposeStrings(TestNode.CHANNEL, "anoncc",
                List.of("CreateAsset", "asset10", "green", "4", "Kai", "120"));
        CommitStatus rejected = host.submit(client.transaction(second, List.of(host.endorse(second.signed()))),
                TestNode.TIMEOUT);
        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, rejected.code());
    }

    private static void define(ChannelClient admin, String packageId, int sequence, Path parameter) throws Exception {
        LifecycleOptions options = LifecycleOptions.parse(List.of("-n", "anoncc", "-v", "1." + sequence, "--sequence",
                Integer.toString(sequence), "--package-id", packageId, "--escc", "anon", "--vscc", "anon",
                "--validation-parameter-file", parameter.toString()));
        assertTrue(admin.approveForMyOrg(TestNode.CHANNEL, options).valid(), "approval of sequence " + sequence);
        assertTrue(admin.commitDefinition(TestNode.CHANNEL, options).valid(), "commit of sequence " + sequence);
    }

    private static Path parameter(Path file, List<KeyPair> ring, int threshold) throws Exception {
        StringBuilder text = new StringBuilder("weft-anon 1\nmode ring\nthreshold " + threshold + "\n");
        for (KeyPair pair : ring) {
            text.append("key ").append(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())).append('\n');
        }
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
