package weft.runtime.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EcdsaTest {

    private static final byte[] MESSAGE = "proposal response payload".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(Curve.class)
    void signsLowSAndVerifies(Curve curve) throws Exception {
        EcPrivateKey key = EcPrivateKey.generate(curve, RANDOM);
        for (int i = 0; i < 50; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = key.sign(message, HashFunction.SHA256);
            assertTrue(EcdsaSignature.fromDer(signature).isLowS(curve));
            key.publicKey().verify(message, signature, HashFunction.SHA256);
        }
    }

    @Test
    void signaturesAreDeterministic() {
        EcPrivateKey key = EcPrivateKey.generate(Curve.P256, RANDOM);
        assertArrayEquals(key.sign(MESSAGE, HashFunction.SHA256), key.sign(MESSAGE, HashFunction.SHA256));
    }

    @Test
    void rejectsTheHighSTwinOfAValidSignature() throws Exception {
        EcPrivateKey key = EcPrivateKey.generate(Curve.P256, RANDOM);
        EcdsaSignature low = EcdsaSignature.fromDer(key.sign(MESSAGE, HashFunction.SHA256));
        EcdsaSignature high = new EcdsaSignature(low.r(), Curve.P256.order().subtract(low.s()));

        assertFalse(high.isLowS(Curve.P256));
        CryptoException e = assertThrows(CryptoException.class,
                () -> key.publicKey().verify(MESSAGE, high.toDer(), HashFunction.SHA256));
        assertEquals("the signature has a high S value; Fabric accepts only low-S signatures", e.getMessage());
        assertEquals(low, high.toLowS(Curve.P256));
    }

    @Test
    void rejectsATamperedMessageAndMalformedSignatures() throws Exception {
        EcPrivateKey key = EcPrivateKey.generate(Curve.P256, RANDOM);
        byte[] signature = key.sign(MESSAGE, HashFunction.SHA256);

        assertEquals("the signature does not verify with the signer's public key", assertThrows(CryptoException.class,
                () -> key.publicKey().verify("other".getBytes(StandardCharsets.UTF_8), signature, HashFunction.SHA256))
                .getMessage());
        byte[] trailing = Arrays.copyOf(signature, signature.length + 1);
        assertThrows(CryptoException.class, () -> key.publicKey().verify(MESSAGE, trailing, HashFunction.SHA256));
        assertThrows(CryptoException.class, () -> key.publicKey().verify(MESSAGE, new byte[0], HashFunction.SHA256));
        assertThrows(CryptoException.class, () -> key.publicKey().verify(MESSAGE, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00},
                HashFunction.SHA256));
    }

    @Test
    void interoperatesWithTheJdksEcdsa() throws Exception {
        EcPrivateKey key = EcPrivateKey.generate(Curve.P256, RANDOM);
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                Curve.P256.oid()), key.publicKey().encoded()).getEncoded();
        PublicKey jdkKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(jdkKey);
        verifier.update(MESSAGE);

        assertTrue(verifier.verify(key.sign(MESSAGE, HashFunction.SHA256)));
    }

    @Test
    void readsBackItsPkcs8Pem() throws Exception {
        EcPrivateKey key = EcPrivateKey.generate(Curve.P384, RANDOM);
        EcPrivateKey read = EcPrivateKey.fromPem(key.toPkcs8Pem());
        assertEquals(key.publicKey(), read.publicKey());
        assertEquals("no EC private key found in the PEM data",
                assertThrows(CryptoException.class, () -> EcPrivateKey.fromPem("nothing here")).getMessage());
    }
}
