package weft.runtime.cryptogen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import weft.runtime.crypto.Curve;
import weft.runtime.crypto.EcPrivateKey;
import weft.runtime.crypto.EcdsaContentSigner;
import weft.runtime.crypto.HashFunction;

/**
 * A certificate authority that issues Fabric-style certificates: CA certificates with a subject key id, and
 * identity certificates carrying an OU (a NodeOU such as {@code peer}) and the CA's authority key id.
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.root("ca.org1.example.com", "Org1", Curve.P256, random);
 * IssuedCertificate peer = ca.issue("peer0.org1.example.com", "peer", Instant.now(), Duration.ofDays(365));
 * }</pre>
 */
public final class CertificateAuthority {

    private final IssuedCertificate certificate;
    private final String organization;
    private final SecureRandom random;

    private CertificateAuthority(IssuedCertificate certificate, String organization, SecureRandom random) {
        this.certificate = certificate;
        this.organization = organization;
        this.random = random;
    }

    /** A self-signed root CA valid for ten years from now (backdated a minute against clock skew). */
    public static CertificateAuthority root(String commonName, String organization, Curve curve, SecureRandom random) {
        return root(commonName, organization, curve, random, Instant.now().minusSeconds(60), Duration.ofDays(3650));
    }

    /** A self-signed root CA valid from {@code notBefore} for {@code validity}. */
    public static CertificateAuthority root(String commonName, String organization, Curve curve, SecureRandom random,
                                            Instant notBefore, Duration validity) {
        EcPrivateKey key = EcPrivateKey.generate(curve, random);
        X500Name subject = name(commonName, organization, null);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial(random), Date.from(notBefore),
                Date.from(notBefore.plus(validity)), subject, publicKeyInfo(key));
        caExtensions(builder, key);
        return new CertificateAuthority(new IssuedCertificate(builder.build(new EcdsaContentSigner(key)), key),
                organization, random);
    }

    /** An intermediate CA issued by this one. */
    public CertificateAuthority intermediate(String commonName) {
        EcPrivateKey key = EcPrivateKey.generate(certificate.key().curve(), random);
        Instant from = Instant.now().minusSeconds(60);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(certificate.certificate().getSubject(),
                serial(random), Date.from(from), Date.from(from.plus(Duration.ofDays(3650))),
                name(commonName, organization, null), publicKeyInfo(key));
        caExtensions(builder, key);
        addExtension(builder, Extension.authorityKeyIdentifier, false, authorityKeyId());
        return new CertificateAuthority(new IssuedCertificate(
                builder.build(new EcdsaContentSigner(certificate.key())), key), organization, random);
    }

    /**
     * An identity certificate.
     *
     * @param organizationalUnit the OU to carry (a NodeOU: client, peer, admin, orderer), or null for none
     */
    public IssuedCertificate issue(String commonName, String organizationalUnit, Instant notBefore, Duration validity) {
        EcPrivateKey key = EcPrivateKey.generate(certificate.key().curve(), random);
        return issue(commonName, organizationalUnit, notBefore, validity, key);
    }

    IssuedCertificate issue(String commonName, String organizationalUnit, Instant notBefore, Duration validity,
                            EcPrivateKey key) {
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(certificate.certificate().getSubject(),
                serial(random), Date.from(notBefore), Date.from(notBefore.plus(validity)),
                name(commonName, organization, organizationalUnit), publicKeyInfo(key));
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        addExtension(builder, Extension.authorityKeyIdentifier, false, authorityKeyId());
        return new IssuedCertificate(builder.build(new EcdsaContentSigner(certificate.key())), key);
    }

    /**
     * A TLS certificate as cryptogen issues it for a node or a user: usable as server and as client certificate
     * (extended key usage serverAuth and clientAuth), with {@code hostNames} as subject alternative names (DNS
     * names, or IP addresses when they are literal IPv4/IPv6 addresses).
     */
    public IssuedCertificate issueTls(String commonName, List<String> hostNames, Instant notBefore, Duration validity) {
        EcPrivateKey key = EcPrivateKey.generate(certificate.key().curve(), random);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(certificate.certificate().getSubject(),
                serial(random), Date.from(notBefore), Date.from(notBefore.plus(validity)),
                name(commonName, organization, null), publicKeyInfo(key));
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        addExtension(builder, Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        addExtension(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        addExtension(builder, Extension.authorityKeyIdentifier, false, authorityKeyId());
        if (!hostNames.isEmpty()) {
            GeneralName[] names = hostNames.stream().distinct().map(CertificateAuthority::generalName)
                    .toArray(GeneralName[]::new);
            addExtension(builder, Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new IssuedCertificate(builder.build(new EcdsaContentSigner(certificate.key())), key);
    }

    private static GeneralName generalName(String host) {
        boolean ip = host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
        return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host);
    }

    /** A CRL of this CA revoking {@code serials}, as an MSP's {@code crls/} folder holds it. */
    public X509CRLHolder revocationList(Collection<BigInteger> serials) {
        Date now = new Date();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(certificate.certificate().getSubject(), now);
        builder.setNextUpdate(Date.from(now.toInstant().plus(Duration.ofDays(30))));
        for (BigInteger serial : serials) {
            builder.addCRLEntry(serial, now, CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.build(new EcdsaContentSigner(certificate.key()));
    }

    public IssuedCertificate certificate() {
        return certificate;
    }

    private AuthorityKeyIdentifier authorityKeyId() {
        return new AuthorityKeyIdentifier(keyId(certificate.key()));
    }

    private static void caExtensions(X509v3CertificateBuilder builder, EcPrivateKey key) {
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        addExtension(builder, Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
        addExtension(builder, Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(key)));
    }

    private static void addExtension(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid,
                                     boolean critical, ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fabric's key id: SHA-256 of the uncompressed public point. */
    private static byte[] keyId(EcPrivateKey key) {
        return HashFunction.SHA256.digest(key.publicKey().encoded());
    }

    static SubjectPublicKeyInfo publicKeyInfo(EcPrivateKey key) {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                key.curve().oid()), key.publicKey().encoded());
    }

    private static X500Name name(String commonName, String organization, String organizationalUnit) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "California")
                .addRDN(BCStyle.L, "San Francisco");
        if (organization != null) {
            name.addRDN(BCStyle.O, organization);
        }
        if (organizationalUnit != null) {
            name.addRDN(BCStyle.OU, organizationalUnit);
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }
}
