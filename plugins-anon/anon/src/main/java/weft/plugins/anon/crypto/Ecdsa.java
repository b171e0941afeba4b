package weft.plugins.anon.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA P-256 as Fabric uses it: SHA-256 of the message, DER-encoded (r, s), low-S. Signing is deterministic
 * (RFC 6979); verification refuses high-S and non-DER encodings so that a signature has exactly one valid form.
 */
public final class Ecdsa {

    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256.CURVE, P256.G, P256.N);
    private static final BigInteger HALF_N = P256.N.shiftRight(1);

    private Ecdsa() {
    }

    /** Public key parameters to verify with; decode once and reuse them. */
    public static ECPublicKeyParameters publicKey(ECPoint q) {
        return new ECPublicKeyParameters(q, DOMAIN);
    }

    /** The DER low-S signature of {@code message} by private scalar {@code d}. */
    public static byte[] sign(BigInteger d, byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
        BigInteger[] rs = signer.generateSignature(sha256(message));
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? P256.N.subtract(rs[1]) : rs[1];
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(s)}).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode a signature", e);
        }
    }

    /** Whether {@code signature} is a valid DER low-S signature of {@code message} by {@code key}. */
    public static boolean verify(ECPublicKeyParameters key, byte[] message, byte[] signature) {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
            if (sequence.size() != 2) {
                return false;
            }
            r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
            s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
            if (!Arrays.equals(signature, sequence.getEncoded("DER"))) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(P256.N) >= 0 || s.compareTo(HALF_N) > 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(sha256(message), r, s);
    }

    static byte[] sha256(byte[] message) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(message, 0, message.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
