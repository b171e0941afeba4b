package weft.runtime.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.TestBlocks;
import weft.runtime.ledger.TestBlocks.Ns;

class CompositeKeyTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void encodesAsFabricDoes() {
        // the key Fabric's marbles sample wrote into the sample_prod ledger
        assertEquals("\u0000color~name\u0000blue\u0000marble1\u0000", CompositeKey.of("color~name", "blue", "marble1").encode());
        assertEquals(CompositeKey.of("color~name", "blue", "marble1"),
                CompositeKey.decode("\u0000color~name\u0000blue\u0000marble1\u0000"));
        assertEquals(CompositeKey.of("asset"), CompositeKey.decode("\u0000asset\u0000"));
    }

    @Test
    void rejectsReservedCharactersAndNonCompositeKeys() {
        assertThrows(IllegalArgumentException.class, () -> CompositeKey.of("a", "b\u0000c"));
        assertThrows(IllegalArgumentException.class, () -> CompositeKey.of("a", "b" + CompositeKey.MAX_UNICODE));
        assertThrows(IllegalArgumentException.class, () -> CompositeKey.decode("plain"));
    }

    @Test
    void partialKeySelectsEveryKeyThatExtendsItInState() throws Exception {
        TestBlocks chain = new TestBlocks();
        try (ChannelLedger ledger = ChannelLedger.open(dir, "ch")) {
            var genesis = chain.block(TestBlocks.config("g"));
            ledger.commit(genesis, TestBlocks.allValid(genesis));
            var block = chain.block(TestBlocks.tx("t1", new Ns("cc")
                    .write(CompositeKey.of("color~name", "blue", "m1").encode(), "")
                    .write(CompositeKey.of("color~name", "blue", "m2").encode(), "")
                    .write(CompositeKey.of("color~name", "bluegreen", "m3").encode(), "")
                    .write(CompositeKey.of("color~name", "red", "m4").encode(), "")
                    .write("plain", "")));
            ledger.commit(block, TestBlocks.allValid(block));

            String[] range = CompositeKey.of("color~name", "blue").range();
            List<String> found = new ArrayList<>();
            ledger.state().range("cc", range[0], range[1], (key, value) -> found.add(
                    String.join("/", CompositeKey.decode(key).attributes())));
            assertEquals(List.of("blue/m1", "blue/m2"), found);
            assertTrue(CompositeKey.isComposite(CompositeKey.of("x").encode()));
        }
    }
}
