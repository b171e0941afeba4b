package weft.runtime.msp;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import weft.runtime.crypto.CryptoException;
import weft.runtime.crypto.EcPublicKey;
import weft.runtime.crypto.EcdsaSignature;
import weft.runtime.crypto.HashFunction;

/** Parsing and inspecting X.509 material the way Fabric's MSP needs it. */
final class Certificates {

    private Certificates() {
    }

    /** The first PEM block of {@code pem}, which must be a certificate. */
    static X509CertificateHolder fromPem(byte[] pem) throws CryptoException {
        PemObject block = firstBlock(pem);
        if (!"CERTIFICATE".equals(block.getType())) {
            throw new CryptoException("the PEM block is a " + block.getType() + ", not a CERTIFICATE");
        }
        return fromDer(block.getContent());
    }

    static X509CertificateHolder fromDer(byte[] der) throws CryptoException {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("the certificate is not valid DER X.509: " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM file (a CA bundle may hold several). */
    static List<X509CertificateHolder> allFromPem(byte[] pem) throws CryptoException {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            PemObject block;
            while ((block = reader.readPemObject()) != null) {
                if ("CERTIFICATE".equals(block.getType())) {
                    certificates.add(fromDer(block.getContent()));
                }
            }
        } catch (IOException e) {
            throw new CryptoException("malformed PEM: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new CryptoException("no PEM CERTIFICATE block found");
        }
        return certificates;
    }

    static X509CRLHolder crlFromPem(byte[] pem) throws CryptoException {
        PemObject block = firstBlock(pem);
        if (!"X509 CRL".equals(block.getType())) {
            throw new CryptoException("the PEM block is a " + block.getType() + ", not an X509 CRL");
        }
        try {
            return new X509CRLHolder(block.getContent());
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("the CRL is not valid DER: " + e.getMessage(), e);
        }
    }

    private static PemObject firstBlock(byte[] pem) throws CryptoException {
        if (pem == null || pem.length == 0) {
            throw new CryptoException("empty PEM data");
        }
        try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            PemObject block = reader.readPemObject();
            if (block == null) {
                throw new CryptoException("no PEM block found");
            }
            return block;
        } catch (IOException e) {
            throw new CryptoException("malformed PEM: " + e.getMessage(), e);
        }
    }

    static boolean isCa(X509CertificateHolder certificate) {
        BasicConstraints constraints = BasicConstraints.fromExtensions(certificate.getExtensions());
        return constraints != null && constraints.isCA();
    }

    static byte[] subjectKeyId(X509CertificateHolder certificate) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
        return ski == null ? null : ski.getKeyIdentifier();
    }

    /** The values of the subject's OU attributes, in order. */
    static List<String> organizationalUnits(X509CertificateHolder certificate) {
        List<String> units = new ArrayList<>();
        X500Name subject = certificate.getSubject();
        for (RDN rdn : subject.getRDNs(BCStyle.OU)) {
            units.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return units;
    }

    static String commonName(X500Name name) {
        RDN[] cn = name.getRDNs(BCStyle.CN);
        return cn.length == 0 ? name.toString() : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    /** The hash a certificate's own ECDSA signature was computed with. */
    static HashFunction signatureHash(X509CertificateHolder certificate) throws CryptoException {
        ASN1ObjectIdentifier algorithm = certificate.getSignatureAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.ecdsa_with_SHA256.equals(algorithm)) {
            return HashFunction.SHA256;
        }
        if (X9ObjectIdentifiers.ecdsa_with_SHA384.equals(algorithm)) {
            return HashFunction.SHA384;
        }
        throw new CryptoException("unsupported certificate signature algorithm " + algorithm
                + "; Weft supports ECDSA with SHA-256 or SHA-384");
    }

    /** Whether {@code issuer}'s key signed {@code certificate} (high-S accepted, as X.509 verifiers do). */
    static boolean isSignedBy(X509CertificateHolder certificate, EcPublicKey issuerKey) {
        try {
            byte[] tbs = certificate.toASN1Structure().getTBSCertificate().getEncoded();
            EcdsaSignature signature = EcdsaSignature.fromDer(certificate.getSignature());
            return issuerKey.verifyDigestOf(tbs, signature, signatureHash(certificate));
        } catch (IOException | CryptoException e) {
            return false;
        }
    }

    static EcPublicKey publicKey(X509CertificateHolder certificate) throws CryptoException {
        return EcPublicKey.fromSubjectPublicKeyInfo(certificate.getSubjectPublicKeyInfo());
    }

    static boolean hasExtension(X509CertificateHolder certificate, ASN1ObjectIdentifier oid) {
        return certificate.getExtensions() != null && certificate.getExtensions().getExtension(oid) != null;
    }

    static Extension extension(X509CertificateHolder certificate, ASN1ObjectIdentifier oid) {
        return certificate.getExtensions() == null ? null : certificate.getExtensions().getExtension(oid);
    }
}
