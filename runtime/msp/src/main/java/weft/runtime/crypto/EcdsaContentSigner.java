package weft.runtime.crypto;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs certificates and CRLs with an {@link EcPrivateKey} (ECDSA with SHA-256, low S), so generated material
 * has one canonical encoding, as Fabric's MSP expects.
 */
public final class EcdsaContentSigner implements ContentSigner {

    private final EcPrivateKey key;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();

    public EcdsaContentSigner(EcPrivateKey key) {
        this.key = key;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    }

    @Override
    public OutputStream getOutputStream() {
        return content;
    }

    @Override
    public byte[] getSignature() {
        return key.sign(content.toByteArray(), HashFunction.SHA256);
    }
}
