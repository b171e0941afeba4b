package weft.runtime.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/** An ECDSA signature (r, s), as Fabric encodes it: DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
public record EcdsaSignature(BigInteger r, BigInteger s) {

    public EcdsaSignature {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    /**
     * Parses a DER signature strictly: exactly one sequence of two positive integers, nothing after it, and
     * encoded canonically (re-encoding gives the same bytes), so that one signature has one encoding.
     */
    public static EcdsaSignature fromDer(byte[] der) throws CryptoException {
        if (der == null || der.length == 0) {
            throw new CryptoException("the signature is empty");
        }
        ASN1Sequence sequence;
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!(primitive instanceof ASN1Sequence seq) || seq.size() != 2
                    || !(seq.getObjectAt(0) instanceof ASN1Integer) || !(seq.getObjectAt(1) instanceof ASN1Integer)) {
                throw new CryptoException("the signature is not a DER sequence of two integers");
            }
            sequence = seq;
        } catch (IOException | IllegalArgumentException e) {
            throw new CryptoException("the signature is not valid DER: " + e.getMessage(), e);
        }
        EcdsaSignature signature = new EcdsaSignature(((ASN1Integer) sequence.getObjectAt(0)).getValue(),
                ((ASN1Integer) sequence.getObjectAt(1)).getValue());
        if (signature.r.signum() <= 0 || signature.s.signum() <= 0) {
            throw new CryptoException("the signature's r and s must be positive");
        }
        if (!Arrays.equals(signature.toDer(), der)) {
            throw new CryptoException("the signature is not canonically DER-encoded (trailing or padded bytes)");
        }
        return signature;
    }

    public byte[] toDer() {
        ASN1EncodableVector vector = new ASN1EncodableVector(2);
        vector.add(new ASN1Integer(r));
        vector.add(new ASN1Integer(s));
        try {
            return new DERSequence(vector).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers failed", e);
        }
    }

    /** Whether s is in the lower half of the curve order, the only form Fabric accepts. */
    public boolean isLowS(Curve curve) {
        return s.compareTo(curve.halfOrder()) <= 0;
    }

    /** The same signature with s replaced by n − s when s is high; both verify. */
    public EcdsaSignature toLowS(Curve curve) {
        return isLowS(curve) ? this : new EcdsaSignature(r, curve.order().subtract(s));
    }
}
