package weft.plugins.anon.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class AnonymousParameterTest {

    private static KeyPair jcaKey(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    @Test
    void readsKeysInTheStandardEncodingsOtherToolsWrite() throws Exception {
        KeyPair a = jcaKey("secp256r1");
        KeyPair b = jcaKey("secp256r1");
        String text = "# endorsers of anoncc\n" + AnonymousParameter.HEADER + "\r\nmode ring\nthreshold 2\n\n"
                + "key " + Base64.getEncoder().encodeToString(a.getPublic().getEncoded()) + "\n"
                + "key " + Base64.getEncoder().encodeToString(b.getPublic().getEncoded()) + "\n";
        AnonymousParameter parameter = AnonymousParameter.parse(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(AnonymousParameter.Mode.RING, parameter.mode());
        assertEquals(2, parameter.threshold());
        assertEquals(2, parameter.keys().size());

        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(a.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        BigInteger d = Keys.decodePrivateKeyPem(pem, "the key");
        assertEquals(0, parameter.indexOf(P256.multiplyG(d)));
        assertEquals(parameter.keys().get(0), Keys.decodePublicKey(a.getPublic().getEncoded(), "a"));
    }

    @Test
    void formatAndParseRoundTrip() {
        List<ECPoint> keys = List.of(P256.multiplyG(BigInteger.TWO), P256.multiplyG(BigInteger.TEN));
        String text = AnonymousParameter.format(AnonymousParameter.Mode.PLAIN, 1, keys);
        AnonymousParameter parameter = AnonymousParameter.parse(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(keys, parameter.keys());
        assertEquals(AnonymousParameter.Mode.PLAIN, parameter.mode());
    }

    @Test
    void refusesMalformedParametersNamingTheProblem() throws Exception {
        String key1 = "key " + Base64.getEncoder().encodeToString(Keys.encodePublicKey(P256.multiplyG(BigInteger.TWO)));
        String key2 = "key " + Base64.getEncoder().encodeToString(Keys.encodePublicKey(P256.multiplyG(BigInteger.TEN)));
        String p384 = "key " + Base64.getEncoder().encodeToString(jcaKey("secp384r1").getPublic().getEncoded());
        String h = AnonymousParameter.HEADER + "\n";
        assertRefused("must be 'weft-anon 1'", "mode plain\n");
        assertRefused("exceeds the 2 keys", h + "mode plain\nthreshold 3\n" + key1 + "\n" + key2);
        assertRefused("already listed", h + "mode plain\nthreshold 1\n" + key1 + "\n" + key1);
        assertRefused("at least 2 keys", h + "mode ring\nthreshold 1\n" + key1);
        assertRefused("not an EC P-256", h + "mode plain\nthreshold 1\n" + p384);
        assertRefused("mode must be 'plain' or 'ring'", h + "mode secret\nthreshold 1\n" + key1);
        assertRefused("threshold must be a positive number", h + "mode plain\nthreshold 0\n" + key1);
        assertRefused("unknown field 'owner'", h + "owner Org1MSP\n");
        assertRefused("needs a mode, a threshold", h + "mode plain\n" + key1);
        assertRefused("is empty", "");
        IllegalArgumentException notText = assertThrows(IllegalArgumentException.class,
                () -> AnonymousParameter.parse(new byte[] {(byte) 0x12, (byte) 0xff, (byte) 0xfe}));
        assertTrue(notText.getMessage().contains("not UTF-8"), notText.getMessage());
    }

    private static void assertRefused(String reason, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnonymousParameter.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
