package weft.runtime.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** An ECDSA private key that signs the way Fabric does: RFC 6979 nonces, low S, DER. Thread-safe. */
public final class EcPrivateKey {

    private final Curve curve;
    private final ECPrivateKeyParameters parameters;
    private final EcPublicKey publicKey;

    private EcPrivateKey(Curve curve, BigInteger d) {
        this.curve = curve;
        this.parameters = new ECPrivateKeyParameters(d, curve.domain());
        this.publicKey = EcPublicKey.of(curve, new FixedPointCombMultiplier().multiply(curve.domain().getG(), d));
    }

    /** A fresh random key. */
    public static EcPrivateKey generate(Curve curve, SecureRandom random) {
        BigInteger n = curve.order();
        BigInteger d;
        do {
            d = new BigInteger(n.bitLength(), random);
        } while (d.signum() == 0 || d.compareTo(n) >= 0);
        return new EcPrivateKey(curve, d);
    }

    /** Reads a PEM private key: PKCS#8 ({@code PRIVATE KEY}, as Fabric's keystore holds) or SEC 1 ({@code EC PRIVATE KEY}). */
    public static EcPrivateKey fromPem(String pem) throws CryptoException {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException e) {
            throw new CryptoException("the private key is not valid PEM: " + e.getMessage(), e);
        }
        PrivateKeyInfo info;
        if (object instanceof PrivateKeyInfo pkcs8) {
            info = pkcs8;
        } else if (object instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else {
            throw new CryptoException("no EC private key found in the PEM data"
                    + (object == null ? "" : " (found " + object.getClass().getSimpleName() + ")"));
        }
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            throw new CryptoException("the private key is not an EC key (algorithm " + algorithm.getAlgorithm() + ")");
        }
        if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curveOid)) {
            throw new CryptoException("the EC private key does not name its curve");
        }
        Curve curve = Curve.byOid(curveOid).orElseThrow(() -> new CryptoException(
                "unsupported curve " + curveOid + "; Weft supports P-256 and P-384"));
        try {
            return new EcPrivateKey(curve, ECPrivateKey.getInstance(info.parsePrivateKey()).getKey());
        } catch (IOException | IllegalArgumentException e) {
            throw new CryptoException("the EC private key is malformed: " + e.getMessage(), e);
        }
    }

    public Curve curve() {
        return curve;
    }

    public EcPublicKey publicKey() {
        return publicKey;
    }

    /** Signs the digest of {@code message}; the result is canonical DER with low S. */
    public byte[] sign(byte[] message, HashFunction hash) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, parameters);
        BigInteger[] rs = signer.generateSignature(hash.digest(message));
        return new EcdsaSignature(rs[0], rs[1]).toLowS(curve).toDer();
    }

    /** The key as PKCS#8 PEM, the form Fabric's keystore uses. */
    public String toPkcs8Pem() {
        try {
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid()),
                    new ECPrivateKey(curve.order().bitLength(), parameters.getD(), null, null));
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("PRIVATE KEY", info.getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("encoding a private key failed", e);
        }
    }

    /** The key in the form bcpkix's certificate builders sign with. */
    ECPrivateKeyParameters parameters() {
        return parameters;
    }
}
