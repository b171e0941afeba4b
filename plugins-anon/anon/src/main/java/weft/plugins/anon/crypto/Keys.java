package weft.plugins.anon.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Reads and writes endorser keys: public keys as X.509 {@code SubjectPublicKeyInfo} DER (id-ecPublicKey,
 * prime256v1, uncompressed point — what {@code openssl pkey -pubout -outform DER} writes), private keys as PEM
 * PKCS#8 ({@code openssl genpkey}) or SEC1 ({@code openssl ecparam -genkey}).
 */
public final class Keys {

    private static final AlgorithmIdentifier EC_P256 =
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1);

    private Keys() {
    }

    /** The canonical SubjectPublicKeyInfo DER of a P-256 point. */
    public static byte[] encodePublicKey(ECPoint point) {
        try {
            return new SubjectPublicKeyInfo(EC_P256, point.getEncoded(false)).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode a public key", e);
        }
    }

    /**
     * The P-256 point of a SubjectPublicKeyInfo DER, which must be canonical (re-encoding gives the same bytes),
     * so that one key has exactly one encoding.
     *
     * @throws IllegalArgumentException naming {@code what} when the bytes are not such a key
     */
    public static ECPoint decodePublicKey(byte[] der, String what) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(what + " is not a DER SubjectPublicKeyInfo", e);
        }
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                || !SECObjectIdentifiers.secp256r1.equals(info.getAlgorithm().getParameters())) {
            throw new IllegalArgumentException(what + " is not an EC P-256 (prime256v1) public key");
        }
        ECPoint point = P256.decodePoint(info.getPublicKeyData().getOctets(), what);
        if (!java.util.Arrays.equals(der, encodePublicKey(point))) {
            throw new IllegalArgumentException(what + " is not in canonical form (DER, uncompressed point)");
        }
        return point;
    }

    /**
     * The private scalar of a PEM {@code PRIVATE KEY} (PKCS#8) or {@code EC PRIVATE KEY} (SEC1) on P-256.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not such a key
     */
    public static BigInteger decodePrivateKeyPem(String pem, String what) {
        String type = pem.contains("-----BEGIN EC PRIVATE KEY-----") ? "EC PRIVATE KEY"
                : pem.contains("-----BEGIN PRIVATE KEY-----") ? "PRIVATE KEY" : null;
        if (type == null) {
            throw new IllegalArgumentException(what + " holds no PEM 'PRIVATE KEY' or 'EC PRIVATE KEY' block");
        }
        int start = pem.indexOf("-----BEGIN " + type + "-----") + ("-----BEGIN " + type + "-----").length();
        int end = pem.indexOf("-----END " + type + "-----", start);
        if (end < 0) {
            throw new IllegalArgumentException(what + ": the PEM block is not terminated");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(start, end));
            ECPrivateKey key;
            ASN1Encodable curve;
            if (type.equals("PRIVATE KEY")) {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
                if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                    throw new IllegalArgumentException(what + " is not an EC private key");
                }
                curve = info.getPrivateKeyAlgorithm().getParameters();
                key = ECPrivateKey.getInstance(info.parsePrivateKey());
            } else {
                key = ECPrivateKey.getInstance(der);
                curve = key.getParametersObject();
            }
            if (curve != null && !(curve instanceof ASN1ObjectIdentifier oid && oid.equals(SECObjectIdentifiers.secp256r1))) {
                throw new IllegalArgumentException(what + " is not on P-256 (prime256v1)");
            }
            BigInteger d = key.getKey();
            if (d.signum() <= 0 || d.compareTo(P256.N) >= 0) {
                throw new IllegalArgumentException(what + ": the private scalar is out of range");
            }
            return d;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith(what)) {
                throw iae;
            }
            throw new IllegalArgumentException(what + " is not a readable EC private key: " + e.getMessage(), e);
        }
    }

    /** A PEM PKCS#8 {@code PRIVATE KEY} for {@code d}, as {@code openssl genpkey} writes it. */
    public static String encodePrivateKeyPem(BigInteger d) {
        try {
            ECPoint q = P256.multiplyG(d);
            byte[] der = new PrivateKeyInfo(EC_P256,
                    new ECPrivateKey(256, d, new org.bouncycastle.asn1.DERBitString(q.getEncoded(false)), null))
                    .getEncoded("DER");
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a private key", e);
        }
    }
}
