package weft.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Byte-for-byte agreement with Fabric v2.4.9's policy parser, on inputs whose output was recorded by running
 * Fabric's own {@code policydsl.FromString} (nesting, spellings, quoting, white space, thresholds, dotted ids).
 */
class FabricPolicyVectorsTest {

    static Stream<Arguments> vectors() throws Exception {
        try (InputStream in = FabricPolicyVectorsTest.class.getResourceAsStream("fabric-policydsl-vectors.json")) {
            // JSON is YAML; SnakeYAML is already a dependency.
            Map<?, ?> document = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<Arguments> arguments = new ArrayList<>();
            for (Object vector : (List<?>) document.get("vectors")) {
                Map<?, ?> v = (Map<?, ?>) vector;
                arguments.add(Arguments.of(v.get("input"), v.get("fabricBytes")));
            }
            return arguments.stream();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("vectors")
    void producesTheBytesFabricProduces(String policy, String fabricBytes) throws Exception {
        assertEquals(fabricBytes, HexFormat.of().formatHex(PolicyParser.parse(policy).toByteArray()));
    }

    /** Inputs Fabric's parser rejects (several from Fabric's own tests). */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "   ", "1", "'1'", "''", "'Org1MSP.peer'", "OutOf(1)", "AND()", "OR()", "OutOf(true, 'A.member')",
        "OutOf(1, 2)", "OutOf(1, 'true')", "OR('A.member', Bmember)", "OR('A.member', 'Bmember')",
        "OutOf(-1, 'A.member', 'B.member')", "OutOf(4, 'A.member', 'B.member')", "aNd('A.member')",
        "Outof(1, 'A.member')", "AND('A.member',)", "AND('A.member' 'B.member')", "AND('A.member'))",
        "AND('A_B.member')", "AND('A.peers')", "AND('.member')", "AND('\u00e9.member')",
        "AND('A.member') AND('B.member')", "\u001cAND('A.member')", "AND('A.Member')",
        "OutOf(99999999999, 'A.member')"})
    void rejectsWhatFabricRejects(String policy) {
        assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(policy));
    }

    /** Fabric accepts these only through quirks of its expression evaluator (dropping input); Weft refuses them. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"AND('A.member') x", "AND(OR('A.member','B.member') 'C.member')",
        "AND('A.member') ('B.member')", "OR(('A.member'))", "(AND('A.member'))", "OutOf(1.5, 'A.member', 'B.member')"})
    void refusesInputFabricWouldSilentlyReinterpret(String policy) {
        assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(policy));
    }

    @Test
    void refusesHostileNesting() {
        String deep = "AND(".repeat(PolicyParser.MAX_DEPTH + 1) + "'A.member'" + ")".repeat(PolicyParser.MAX_DEPTH + 1);
        PolicySyntaxException e = assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(deep));
        assertEquals("at position 2000: gates are nested more than 500 deep", e.getMessage());
    }
}
