package weft.runtime.lifecycle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.policy.PolicyParser;

/** Fabric CLI options, with the legacy --escc/--vscc spellings, mapped to the lifecycle's argument messages. */
class LifecycleOptionsTest {

    @TempDir
    Path dir;

    private static String message(List<String> args) {
        return assertThrows(CliOptionException.class, () -> LifecycleOptions.parse(args).approveArgs()).getMessage();
    }

    @Test
    void legacyAndV2PluginSpellingsAreTheSameOption() throws Exception {
        for (List<String> spelling : List.of(List.of("--escc", "custom", "--vscc", "UtxoValidation"),
                List.of("-E", "custom", "-V", "UtxoValidation"),
                List.of("--endorsement-plugin=custom", "--validation-plugin=UtxoValidation"),
                List.of("--escc", "custom", "-E", "custom", "--vscc", "UtxoValidation"))) {
            List<String> args = new java.util.ArrayList<>(List.of("-n", "mycc", "-v", "1", "--sequence", "1"));
            args.addAll(spelling);
            ApproveChaincodeDefinitionForMyOrgArgs approve = LifecycleOptions.parse(args).approveArgs();
            assertEquals("custom", approve.getEndorsementPlugin(), spelling.toString());
            assertEquals("UtxoValidation", approve.getValidationPlugin(), spelling.toString());
        }
        assertTrue(message(List.of("-n", "mycc", "-v", "1", "--sequence", "1", "--escc", "a", "-E", "b"))
                .contains("option -E given as 'b' but --escc was already 'a'"));
    }

    @Test
    void omittedPluginsAndPolicyAreSentEmptyForThePeerToDefault() throws Exception {
        ApproveChaincodeDefinitionForMyOrgArgs approve = LifecycleOptions.parse(
                List.of("-n", "mycc", "-v", "1", "--sequence", "1")).approveArgs();
        assertEquals("", approve.getEndorsementPlugin());
        assertEquals("", approve.getValidationPlugin());
        assertEquals(ByteString.EMPTY, approve.getValidationParameter());
        assertFalse(approve.hasCollections());
        assertEquals(ChaincodeSource.TypeCase.UNAVAILABLE, approve.getSource().getTypeCase());
        assertFalse(approve.getInitRequired());
    }

    @Test
    void policiesBecomeApplicationPolicies() throws Exception {
        ApproveChaincodeDefinitionForMyOrgArgs signature = LifecycleOptions.parse(List.of("-n", "mycc", "-v", "1",
                "--sequence", "1", "--signature-policy", "OR('Org1MSP.peer')", "--package-id", "mycc:ab")).approveArgs();
        assertEquals(ApplicationPolicy.newBuilder().setSignaturePolicy(PolicyParser.parse("OR('Org1MSP.peer')")).build()
                .toByteString(), signature.getValidationParameter());
        assertEquals("mycc:ab", signature.getSource().getLocalPackage().getPackageId());
        CheckCommitReadinessArgs reference = LifecycleOptions.parse(List.of("-n", "mycc", "-v", "1", "--sequence", "1",
                "--channel-config-policy", "/Channel/Application/Admins")).checkCommitReadinessArgs();
        assertEquals(ApplicationPolicy.newBuilder().setChannelConfigPolicyReference("/Channel/Application/Admins")
                .build().toByteString(), reference.getValidationParameter());

        assertEquals("cannot specify both \"--signature-policy\" and \"--channel-config-policy\"",
                message(List.of("-n", "mycc", "-v", "1", "--sequence", "1", "--signature-policy", "OR('A.peer')",
                        "--channel-config-policy", "/Channel/Application/Admins")));
        assertTrue(message(List.of("-n", "mycc", "-v", "1", "--sequence", "1", "--signature-policy", "OR(Org1MSP.peer)"))
                .startsWith("invalid signature policy: OR(Org1MSP.peer)"));
    }

    @Test
    void aValidationParameterFileIsPassedVerbatimAndExcludesPolicyOptions(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("parameter.txt");
        java.nio.file.Files.writeString(file, "weft-anon 1\nmode plain\nthreshold 1\n");
        ApproveChaincodeDefinitionForMyOrgArgs approve = LifecycleOptions.parse(List.of("-n", "mycc", "-v", "1",
                "--sequence", "1", "-V", "anon", "--validation-parameter-file", file.toString())).approveArgs();
        assertEquals(com.google.protobuf.ByteString.copyFrom(java.nio.file.Files.readAllBytes(file)),
                approve.getValidationParameter());
        assertEquals("anon", approve.getValidationPlugin());
        assertEquals("cannot specify \"--validation-parameter-file\" together with \"--signature-policy\" or "
                + "\"--channel-config-policy\"", message(List.of("-n", "mycc", "-v", "1", "--sequence", "1",
                "--signature-policy", "OR('A.peer')", "--validation-parameter-file", file.toString())));
        assertTrue(message(List.of("-n", "mycc", "-v", "1", "--sequence", "1", "--validation-parameter-file",
                dir.resolve("absent").toString())).startsWith("cannot read --validation-parameter-file "));
    }

    @Test
    void initRequiredIsAFlagOrABoolean() throws Exception {
        assertTrue(LifecycleOptions.parse(List.of("--init-required")).initRequired());
        assertFalse(LifecycleOptions.parse(List.of("--init-required=false")).initRequired());
        assertThrows(CliOptionException.class, () -> LifecycleOptions.parse(List.of("--init-required=yes")));
    }

    @Test
    void requiresNameVersionAndSequenceAsFabricsCliDoes() {
        assertEquals("The required parameter 'name' is empty. Rerun the command with -n flag",
                message(List.of("-v", "1", "--sequence", "1")));
        assertEquals("The required parameter 'version' is empty. Rerun the command with -v flag",
                message(List.of("-n", "mycc", "--sequence", "1")));
        assertEquals("The required parameter 'sequence' is empty. Rerun the command with --sequence flag",
                message(List.of("-n", "mycc", "-v", "1")));
        assertEquals("--sequence must be a whole number, not 'one'", message(List.of("--sequence", "one")));
        assertEquals("unknown option '--policy'", message(List.of("--policy", "x")));
        assertEquals("option --name needs a value", message(List.of("--name")));
    }

    @Test
    void readsCollectionConfigFilesAndNamesWhatIsWrong() throws Exception {
        Path good = Files.writeString(dir.resolve("c.json"), """
                [{"name":"c1","policy":"OR('Org1MSP.member')","blockToLive":18446744073709551615,
                  "endorsementPolicy":{"channelConfigPolicy":"/Channel/Application/Org1/Endorsement"}}]""");
        CollectionConfigPackage collections = LifecycleOptions.parse(List.of("-n", "mycc", "-v", "1", "--sequence",
                "1", "--collections-config", good.toString())).commitArgs().getCollections();
        StaticCollectionConfig c1 = collections.getConfig(0).getStaticCollectionConfig();
        assertEquals(0, c1.getRequiredPeerCount());
        assertEquals(1, c1.getMaximumPeerCount());
        assertEquals(-1L, c1.getBlockToLive()); // 2^64-1 as protobuf's uint64
        assertEquals("/Channel/Application/Org1/Endorsement", c1.getEndorsementPolicy().getChannelConfigPolicyReference());

        for (String[] bad : new String[][] {
                {"{}", "expected a JSON array"},
                {"[{\"name\":\"c\",\"policy\":\"OR('A.member')\",\"requiredPeerCount\":\"1\"}]", "requiredPeerCount must be a number"},
                {"[{\"name\":\"c\",\"policy\":\"OR('A.member')\",\"maxPeerCount\":1.5}]", "maxPeerCount must be a whole number"},
                {"[{\"name\":\"c\",\"policy\":\"OR('A.member')\",\"blockToLive\":-1}]", "is not an unsigned 64-bit integer"},
                {"[{\"name\":\"c\",\"policy\":\"OR('A.member')\",\"requiredPeerCount\":3000000000}]", "does not fit a 32-bit integer"},
                {"[{\"name\":\"c\",\"policy\":\"\"}]", "invalid policy"},
                {"[{\"name\":\"c\",\"policy\":\"OR('A.member')\",\"memberOnlyRead\":\"true\"}]", "memberOnlyRead must be true or false"},
                {"[{\"name\":\"c\",\"policy\":\"OR('A.member')\",\"endorsementPolicy\":{\"signaturePolicy\":\"OR('A.peer')\","
                        + "\"channelConfigPolicy\":\"/x\"}}]", "cannot specify both"},
                {"[{\"name\":\"c\",", "not valid JSON: End of input at line 1 column 14"},
                {"[1]", "collection 1 is not a JSON object"}}) {
            Path file = Files.writeString(dir.resolve("bad.json"), bad[0]);
            String msg = message(List.of("-n", "mycc", "-v", "1", "--sequence", "1", "--collections-config",
                    file.toString()));
            assertTrue(msg.startsWith("invalid collection configuration in file " + file), msg);
            assertTrue(msg.contains(bad[1]), bad[0] + " -> " + msg);
        }
        assertTrue(message(List.of("-n", "mycc", "-v", "1", "--sequence", "1", "--collections-config",
                dir.resolve("missing.json").toString())).startsWith("could not read file"));
    }

    @Test
    void jsonReaderHandlesEscapesAndRefusesJunk() throws Exception {
        assertEquals(List.of("a\"b\\c/\u00e9\n", true, false),
                Json.parse(" [\"a\\\"b\\\\c\\/\\u00e9\\n\", true, false] "));
        assertEquals(java.util.Arrays.asList(new java.math.BigDecimal("-1.5e3"), null), Json.parse("[-1.5e3,null]"));
        for (String junk : List.of("", "[1,]", "[01]", "{\"a\" 1}", "[\"\u0001\"]", "[1] x", "tru", "[\"\\x\"]",
                "[".repeat(300))) {
            assertThrows(CliOptionException.class, () -> Json.parse(junk), junk);
        }
    }
}
