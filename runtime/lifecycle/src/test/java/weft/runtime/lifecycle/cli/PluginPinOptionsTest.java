package weft.runtime.lifecycle.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.junit.jupiter.api.Test;
import weft.runtime.handlers.PluginIdentity;

/**
 * Pinned plugins in the lifecycle's argument messages: the pin rides in the plugin string
 * ({@code vscc@<handler>/<bundle>/<version>#sha256:<hex>}), and definitions without pins are byte for byte what
 * Fabric's CLI sends.
 */
class PluginPinOptionsTest {

    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String VSCC_PIN = "DefaultValidation/weft.plugins.vscc/0.1.0#sha256:" + DIGEST;

    private static List<String> definition(String... extra) {
        List<String> args = new ArrayList<>(List.of("-n", "basic", "-v", "1.0", "--sequence", "1"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void anUnpinnedDefinitionIsByteIdenticalToFabricsArguments() throws Exception {
        ApproveChaincodeDefinitionForMyOrgArgs fabric = ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
                .setName("basic").setVersion("1.0").setSequence(1).setEndorsementPlugin("escc")
                .setValidationPlugin("vscc")
                .setSource(ChaincodeSource.newBuilder().setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance()))
                .build();

        assertArrayEquals(fabric.toByteArray(), LifecycleOptions.parse(definition("--escc", "escc", "--vscc", "vscc"))
                .approveArgs().toByteArray());
    }

    @Test
    void anExplicitPinIsRecordedAfterThePluginNameInAllThreeCommands() throws Exception {
        LifecycleOptions options = LifecycleOptions.parse(definition("--vscc-pin", VSCC_PIN));

        String expected = "vscc@" + VSCC_PIN;
        assertEquals(expected, options.approveArgs().getValidationPlugin());
        assertEquals(expected, options.checkCommitReadinessArgs().getValidationPlugin());
        assertEquals(expected, options.commitArgs().getValidationPlugin());
        assertEquals("", options.approveArgs().getEndorsementPlugin(), "an unpinned plugin is left as given");
    }

    @Test
    void pinPluginsTakesTheIdentitiesThePeerServesExceptExplicitPins() throws Exception {
        LifecycleOptions options = LifecycleOptions.parse(definition("--escc", "custom", "--pin-plugins",
                "--validation-plugin-pin", VSCC_PIN));
        assertThrows(CliOptionException.class, options::approveArgs, "pins not filled in yet");

        PluginIdentity installedEscc = new PluginIdentity("customEndorsement", "acme.custom.escc", "1.0.0", DIGEST);
        PluginIdentity installedVscc = new PluginIdentity("DefaultValidation", "weft.plugins.vscc", "0.2.0", DIGEST);
        ApproveChaincodeDefinitionForMyOrgArgs approve = options.pinnedTo(installedEscc, installedVscc).approveArgs();

        assertEquals("custom@customEndorsement/acme.custom.escc/1.0.0#sha256:" + DIGEST, approve.getEndorsementPlugin());
        assertEquals("vscc@" + VSCC_PIN, approve.getValidationPlugin());
    }

    @Test
    void aPinIsNormalisedAndAMalformedOneIsRefusedNamingTheOption() throws Exception {
        LifecycleOptions options = LifecycleOptions.parse(definition("--vscc-pin",
                "DefaultValidation/weft.plugins.vscc/1.0#sha256:" + DIGEST.toUpperCase()));
        assertEquals("vscc@DefaultValidation/weft.plugins.vscc/1.0.0#sha256:" + DIGEST,
                options.approveArgs().getValidationPlugin());

        CliOptionException e = assertThrows(CliOptionException.class,
                () -> LifecycleOptions.parse(definition("--vscc-pin", "DefaultValidation@1.0")));
        assertTrue(e.getMessage().startsWith("--vscc-pin: a plugin pin is <handler name>/<bundle symbolic name>/"
                + "<bundle version>#sha256:<64 hex digits>, not 'DefaultValidation@1.0'"), e.getMessage());
    }
}
