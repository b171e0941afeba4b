package weft.runtime.crypto;

import com.google.protobuf.ByteString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A decoded ECDSA public key on a supported curve. Immutable and safe to share between threads; keep one per
 * identity so that Bouncy Castle's per-point precomputation is reused.
 */
public final class EcPublicKey {

    private final Curve curve;
    private final ECPublicKeyParameters parameters;

    private EcPublicKey(Curve curve, ECPublicKeyParameters parameters) {
        this.curve = curve;
        this.parameters = parameters;
    }

    /** Decodes an X.509 SubjectPublicKeyInfo (as found in a certificate). */
    public static EcPublicKey fromSubjectPublicKeyInfo(SubjectPublicKeyInfo info) throws CryptoException {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())) {
            throw new CryptoException("the public key is not an EC key (algorithm "
                    + info.getAlgorithm().getAlgorithm() + "); Fabric identities use ECDSA");
        }
        if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curveOid)) {
            throw new CryptoException("the EC public key does not name its curve");
        }
        Curve curve = Curve.byOid(curveOid).orElseThrow(() -> new CryptoException(
                "unsupported curve " + curveOid + "; Weft supports P-256 and P-384"));
        try {
            ECPoint point = curve.domain().getCurve().decodePoint(info.getPublicKeyData().getOctets());
            return new EcPublicKey(curve, new ECPublicKeyParameters(point, curve.domain()));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("the EC public key is not a point on " + curve.displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    static EcPublicKey of(Curve curve, ECPoint point) {
        return new EcPublicKey(curve, new ECPublicKeyParameters(point.normalize(), curve.domain()));
    }

    public Curve curve() {
        return curve;
    }

    /** The uncompressed point, as in a SubjectPublicKeyInfo. */
    public byte[] encoded() {
        return parameters.getQ().getEncoded(false);
    }

    /**
     * Verifies a DER signature over the digest of {@code message}, as Fabric does: the signature must be
     * canonical DER with low S.
     *
     * @throws CryptoException naming the reason when the signature is malformed, high-S or does not verify
     */
    public void verify(byte[] message, byte[] derSignature, HashFunction hash) throws CryptoException {
        verifyDigestChecked(hash.digest(message), derSignature);
    }

    /** As {@link #verify(byte[], byte[], HashFunction)}, hashing the message where it lies instead of copying it. */
    public void verify(ByteString message, byte[] derSignature, HashFunction hash) throws CryptoException {
        verifyDigestChecked(hash.digest(message), derSignature);
    }

    private void verifyDigestChecked(byte[] digest, byte[] derSignature) throws CryptoException {
        EcdsaSignature signature = EcdsaSignature.fromDer(derSignature);
        if (!signature.isLowS(curve)) {
            throw new CryptoException("the signature has a high S value; Fabric accepts only low-S signatures");
        }
        if (!verifyDigest(digest, signature)) {
            throw new CryptoException("the signature does not verify with the signer's public key");
        }
    }

    /** Verifies without the low-S rule, as X.509 certificate signatures are checked. */
    public boolean verifyDigestOf(byte[] message, EcdsaSignature signature, HashFunction hash) {
        return verifyDigest(hash.digest(message), signature);
    }

    private boolean verifyDigest(byte[] digest, EcdsaSignature signature) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, parameters);
        return verifier.verifySignature(digest, signature.r(), signature.s());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EcPublicKey key && key.curve == curve && key.parameters.getQ().equals(parameters.getQ());
    }

    @Override
    public int hashCode() {
        return parameters.getQ().hashCode();
    }
}
