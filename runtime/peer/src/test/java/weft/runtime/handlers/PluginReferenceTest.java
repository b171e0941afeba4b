package weft.runtime.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A definition's plugin string: a plain name stays a plain name; a pin after '@' is read strictly. */
class PluginReferenceTest {

    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void aPlainNameIsUnpinnedAndWrittenBackUnchanged() {
        PluginReference reference = PluginReference.parse("vscc");

        assertEquals(PluginReference.unpinned("vscc"), reference);
        assertEquals("vscc", reference.text());
    }

    @Test
    void aPinnedNameRoundTrips() {
        String text = "vscc@DefaultValidation/weft.plugins.vscc/0.1.0#sha256:" + DIGEST;

        PluginReference reference = PluginReference.parse(text);

        assertEquals("vscc", reference.pluginName());
        assertEquals(Optional.of(new PluginIdentity("DefaultValidation", "weft.plugins.vscc", "0.1.0", DIGEST)),
                reference.pin());
        assertEquals(text, reference.text());
    }

    @Test
    void versionsAreCanonicalAndDigestsLowerCaseSoEqualPinsCompareEqual() {
        PluginIdentity identity = PluginIdentity.parsePin("H/b/1.2#sha256:" + DIGEST.toUpperCase());

        assertEquals(new PluginIdentity("H", "b", "1.2.0", DIGEST), identity);
        assertEquals("1.2.3.SNAPSHOT", PluginIdentity.parsePin("H/b/1.2.3.SNAPSHOT#sha256:" + DIGEST).bundleVersion());
    }

    @Test
    void malformedPinsAreRefusedSayingWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginReference.parse("@H/b/1#sha256:" + DIGEST))
                .getMessage().contains("no plugin name before the '@'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginReference.parse("vscc@H/b/1"))
                .getMessage().contains("a plugin pin is <handler name>/<bundle symbolic name>/<bundle version>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginReference.parse("vscc@H/b/1#sha256:abc"))
                .getMessage().contains("is not 64 hex digits"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PluginReference.parse("vscc@H/b/one#sha256:" + DIGEST)).getMessage().contains("not an OSGi version"));
    }

    @Test
    void identitiesReadWellInMessages() {
        assertEquals("H (bundle b 1.0.0, sha256:" + DIGEST + ")", new PluginIdentity("H", "b", "1.0.0", DIGEST).toString());
        assertEquals("H (bundle b 1.0.0, sha256:unknown)", new PluginIdentity("H", "b", "1.0.0", "").toString());
    }
}
