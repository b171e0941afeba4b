package weft.runtime.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPIdentityAnonymity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import weft.api.identity.IdentityException;
import weft.runtime.crypto.CryptoException;
import weft.runtime.crypto.EcPublicKey;
import weft.runtime.crypto.EcdsaSignature;
import weft.runtime.crypto.HashFunction;

/**
 * One organisation's X.509 MSP with Fabric v1.4.3+ semantics (what channels with the V2_0 capability use): it
 * turns certificates into identities, validates them and decides which principals they satisfy. Immutable
 * after construction and shared by all threads.
 */
public final class X509Msp {

    private static final int MAX_CHAIN_LENGTH = 10;

    private final String id;
    private final List<CaCertificate> roots;
    private final List<CaCertificate> intermediates;
    private final Set<ByteString> admins;
    private final List<X509CRLHolder> revocationLists;
    private final List<OuIdentifier> organizationalUnits;
    private final NodeOus nodeOus;
    private final HashFunction signatureHash;

    /** NodeOU classification; {@code enabled == false} means identities are not classified. */
    record NodeOus(boolean enabled, OuIdentifier client, OuIdentifier peer, OuIdentifier admin, OuIdentifier orderer) {

        List<OuIdentifier> configured() {
            List<OuIdentifier> all = new ArrayList<>();
            for (OuIdentifier ou : Arrays.asList(client, peer, admin, orderer)) {
                if (ou != null) {
                    all.add(ou);
                }
            }
            return all;
        }
    }

    private X509Msp(String id, List<CaCertificate> roots, List<CaCertificate> intermediates, Set<ByteString> admins,
                    List<X509CRLHolder> revocationLists, List<OuIdentifier> organizationalUnits, NodeOus nodeOus,
                    HashFunction signatureHash) {
        this.id = id;
        this.roots = List.copyOf(roots);
        this.intermediates = List.copyOf(intermediates);
        this.admins = Set.copyOf(admins);
        this.revocationLists = List.copyOf(revocationLists);
        this.organizationalUnits = List.copyOf(organizationalUnits);
        this.nodeOus = nodeOus;
        this.signatureHash = signatureHash;
    }

    /** Builds the MSP a {@code FabricMSPConfig} describes, checking it as Fabric does at setup. */
    public static X509Msp fromConfig(FabricMSPConfig config) throws MspConfigException {
        return new MspSetup(config).build();
    }

    /** The MSP id, e.g. {@code Org1MSP}. */
    public String id() {
        return id;
    }

    /** The digest identities of this MSP sign with. */
    public HashFunction signatureHash() {
        return signatureHash;
    }

    /** Turns the PEM certificate of a serialized identity into an identity of this MSP. */
    public MspIdentity deserialize(ByteString pemCertificate) throws IdentityException {
        X509CertificateHolder certificate;
        EcPublicKey key;
        try {
            certificate = Certificates.fromPem(pemCertificate.toByteArray());
            key = Certificates.publicKey(certificate);
        } catch (CryptoException e) {
            throw new IdentityException("identity of MSP " + id + ": " + e.getMessage(), e);
        }
        List<CaCertificate> chain = chainAbove(certificate);
        byte[] der = sanitize(certificate, chain.get(0));
        return new MspIdentity(this, certificate, ByteString.copyFrom(der), key, chain,
                HashFunction.SHA256.digest(der), certifiersIdentifier(chain));
    }

    /**
     * Checks what Fabric's {@code Validate} checks: not a CA, chained to this MSP at the certificate's start of
     * validity, issued by a CA at a leaf of the certification tree, not revoked, and carrying the required OUs.
     * Expiry is deliberately not checked here (see {@link MspIdentity#checkValidityPeriod}).
     */
    void validate(MspIdentity identity) throws IdentityException {
        X509CertificateHolder certificate = identity.certificate();
        String who = "identity " + identity.displayName() + " of MSP " + id;
        if (Certificates.isCa(certificate)) {
            throw new IdentityException(who + " is a CA certificate, which cannot be an identity");
        }
        CaCertificate issuer = identity.chain().get(0);
        for (CaCertificate ca : allCas()) {
            if (ca != issuer && !Arrays.equals(ca.der(), issuer.der()) && issuer.issued(ca.certificate())) {
                throw new IdentityException(who + " is issued by " + issuer.name() + ", which also issued the CA "
                        + ca.name() + "; only CAs at the leaves of the certification tree may issue identities");
            }
        }
        checkRevocation(identity, issuer, who);
        checkOrganizationalUnits(identity, who);
        checkNodeOu(identity, who);
    }

    /** Fabric's v1.4.3 principal rules. */
    void satisfiesPrincipal(MspIdentity identity, MSPPrincipal principal) throws IdentityException {
        try {
            switch (principal.getPrincipalClassification()) {
                case ROLE -> satisfiesRole(identity, MSPRole.parseFrom(principal.getPrincipal()));
                case IDENTITY -> satisfiesIdentity(identity, SerializedIdentity.parseFrom(principal.getPrincipal()));
                case ORGANIZATION_UNIT -> satisfiesUnit(identity, OrganizationUnit.parseFrom(principal.getPrincipal()));
                case ANONYMITY -> {
                    MSPIdentityAnonymity anonymity = MSPIdentityAnonymity.parseFrom(principal.getPrincipal());
                    if (anonymity.getAnonymityType() != MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL) {
                        throw new IdentityException("an X.509 identity is nominal, not anonymous");
                    }
                }
                case COMBINED -> {
                    CombinedPrincipal combined = CombinedPrincipal.parseFrom(principal.getPrincipal());
                    if (combined.getPrincipalsCount() == 0) {
                        throw new IdentityException("a combined principal must contain principals");
                    }
                    for (MSPPrincipal part : combined.getPrincipalsList()) {
                        identity.satisfiesPrincipal(part);
                    }
                }
                default -> throw new IdentityException("unsupported principal classification "
                        + principal.getPrincipalClassification());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IdentityException("malformed " + principal.getPrincipalClassification() + " principal: "
                    + e.getMessage(), e);
        }
    }

    private void satisfiesRole(MspIdentity identity, MSPRole role) throws IdentityException {
        requireSameMsp(role.getMspIdentifier());
        switch (role.getRole()) {
            case MEMBER -> identity.validate();
            case ADMIN -> {
                if (admins.contains(identity.serializedCertificate())) {
                    return;
                }
                if (!nodeOus.enabled() || nodeOus.admin() == null) {
                    throw new PrincipalMismatchException("identity " + identity.displayName() + " is not an admin of " + id);
                }
                identity.validate();
                requireNodeOu(identity, nodeOus.admin(), "admin");
            }
            case CLIENT -> requireClassified(identity, nodeOus.client(), "client");
            case PEER -> requireClassified(identity, nodeOus.peer(), "peer");
            case ORDERER -> requireClassified(identity, nodeOus.orderer(), "orderer");
            default -> throw new IdentityException("unsupported MSP role " + role.getRole());
        }
    }

    private void requireClassified(MspIdentity identity, OuIdentifier ou, String role) throws IdentityException {
        if (!nodeOus.enabled()) {
            throw new IdentityException("MSP " + id + " does not enable NodeOUs, so it cannot tell a " + role
                    + " from another member");
        }
        if (ou == null) {
            throw new IdentityException("MSP " + id + " defines no " + role + " NodeOU");
        }
        identity.validate();
        requireNodeOu(identity, ou, role);
    }

    private void requireNodeOu(MspIdentity identity, OuIdentifier ou, String role) throws IdentityException {
        for (String unit : identity.organizationalUnits()) {
            if (ou.matches(unit, identity.certifiersIdentifier())) {
                return;
            }
        }
        throw new PrincipalMismatchException("identity " + identity.displayName() + " of MSP " + id + " is not a " + role
                + " (it lacks the OU '" + ou.organizationalUnit() + "')");
    }

    private void satisfiesIdentity(MspIdentity identity, SerializedIdentity principal) throws IdentityException {
        requireSameMsp(principal.getMspid());
        MspIdentity expected = deserialize(principal.getIdBytes());
        if (!expected.serializedCertificate().equals(identity.serializedCertificate())) {
            throw new IdentityException("identity " + identity.displayName() + " is not the identity the principal names ("
                    + expected.displayName() + ")");
        }
        identity.validate();
    }

    private void satisfiesUnit(MspIdentity identity, OrganizationUnit unit) throws IdentityException {
        requireSameMsp(unit.getMspIdentifier());
        identity.validate();
        OuIdentifier wanted = new OuIdentifier(unit.getOrganizationalUnitIdentifier(),
                unit.getCertifiersIdentifier().toByteArray());
        for (String ou : identity.organizationalUnits()) {
            if (wanted.matches(ou, identity.certifiersIdentifier())) {
                return;
            }
        }
        throw new IdentityException("identity " + identity.displayName() + " is not in the organisational unit '"
                + unit.getOrganizationalUnitIdentifier() + "' of " + id);
    }

    private void requireSameMsp(String principalMsp) throws IdentityException {
        if (!id.equals(principalMsp)) {
            throw new PrincipalMismatchException("the identity belongs to MSP " + id + ", the principal to " + principalMsp);
        }
    }

    private void checkRevocation(MspIdentity identity, CaCertificate issuer, String who) throws IdentityException {
        byte[] issuerKeyId = Certificates.subjectKeyId(issuer.certificate());
        if (issuerKeyId == null) {
            return;
        }
        BigInteger serial = identity.certificate().getSerialNumber();
        for (X509CRLHolder crl : revocationLists) {
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(crl.getExtensions());
            if (aki == null || !Arrays.equals(aki.getKeyIdentifier(), issuerKeyId)) {
                continue;
            }
            X509CRLEntryHolder entry = crl.getRevokedCertificate(serial);
            if (entry != null && crlSignedBy(crl, issuer)) {
                throw new IdentityException(who + " is revoked: serial " + serial.toString(16)
                        + " is listed in a CRL of " + issuer.name());
            }
        }
    }

    private static boolean crlSignedBy(X509CRLHolder crl, CaCertificate issuer) {
        try {
            byte[] tbs = crl.toASN1Structure().getTBSCertList().getEncoded();
            HashFunction hash = crl.toASN1Structure().getSignatureAlgorithm().getAlgorithm()
                    .equals(X9ObjectIdentifiers.ecdsa_with_SHA384)
                    ? HashFunction.SHA384 : HashFunction.SHA256;
            EcdsaSignature signature = EcdsaSignature.fromDer(crl.toASN1Structure().getSignature().getOctets());
            return issuer.key().verifyDigestOf(tbs, signature, hash);
        } catch (IOException | CryptoException e) {
            return false;
        }
    }

    private void checkOrganizationalUnits(MspIdentity identity, String who) throws IdentityException {
        if (organizationalUnits.isEmpty()) {
            return;
        }
        for (String unit : identity.organizationalUnits()) {
            for (OuIdentifier allowed : organizationalUnits) {
                if (allowed.matches(unit, identity.certifiersIdentifier())) {
                    return;
                }
            }
        }
        throw new IdentityException(who + " carries none of the organisational units the MSP requires");
    }

    private void checkNodeOu(MspIdentity identity, String who) throws IdentityException {
        if (!nodeOus.enabled()) {
            return;
        }
        int matches = 0;
        for (OuIdentifier ou : nodeOus.configured()) {
            for (String unit : identity.organizationalUnits()) {
                if (ou.matches(unit, identity.certifiersIdentifier())) {
                    matches++;
                    break;
                }
            }
        }
        if (matches != 1) {
            throw new IdentityException(who + " must carry exactly one NodeOU (client, peer, admin or orderer), "
                    + "it carries " + matches + " (its OUs: " + identity.organizationalUnits() + ")");
        }
    }

    /**
     * The CA certificates above {@code certificate}, issuer first, ending at a root; checked at the
     * certificate's NotBefore + 1 s as Fabric does, so an expired identity still validates (the endorser's
     * expiration check rejects it at proposal time).
     */
    List<CaCertificate> chainAbove(X509CertificateHolder certificate) throws IdentityException {
        Date at = Date.from(certificate.getNotBefore().toInstant().plusSeconds(1));
        List<CaCertificate> chain = new ArrayList<>();
        X509CertificateHolder current = certificate;
        while (chain.size() < MAX_CHAIN_LENGTH) {
            CaCertificate issuer = findIssuer(current);
            if (issuer == null) {
                throw new IdentityException("certificate " + Certificates.commonName(current.getSubject())
                        + " is issued by " + Certificates.commonName(current.getIssuer())
                        + ", which is not a CA of MSP " + id);
            }
            if (!issuer.certificate().isValidOn(at)) {
                throw new IdentityException("CA certificate " + issuer.name() + " of MSP " + id
                        + " was not valid when certificate " + Certificates.commonName(certificate.getSubject())
                        + " became valid (" + at.toInstant() + ")");
            }
            if (!Certificates.isCa(issuer.certificate())) {
                throw new IdentityException("certificate " + issuer.name() + " of MSP " + id + " is not a CA");
            }
            chain.add(issuer);
            if (roots.contains(issuer)) {
                return chain;
            }
            current = issuer.certificate();
        }
        throw new IdentityException("the certification chain of " + Certificates.commonName(certificate.getSubject())
                + " is longer than " + MAX_CHAIN_LENGTH);
    }

    private CaCertificate findIssuer(X509CertificateHolder certificate) {
        for (CaCertificate ca : allCas()) {
            if (ca.issued(certificate) && !Arrays.equals(ca.der(), encoded(certificate))) {
                return ca;
            }
        }
        return null;
    }

    private List<CaCertificate> allCas() {
        List<CaCertificate> all = new ArrayList<>(roots);
        all.addAll(intermediates);
        return all;
    }

    /** SHA-256 over the DER of the CA certificates in {@code chain} (what Fabric calls the certifiers identifier). */
    static byte[] certifiersIdentifier(List<CaCertificate> chain) {
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (CaCertificate ca : chain) {
            concatenated.writeBytes(ca.der());
        }
        return HashFunction.SHA256.digest(concatenated.toByteArray());
    }

    /**
     * The certificate's DER with a low-S signature. Fabric re-encodes a high-S certificate signature before using
     * a certificate, so that the identity's identifier does not depend on which of the two encodings arrived.
     */
    static byte[] sanitize(X509CertificateHolder certificate, CaCertificate issuer) {
        byte[] der = encoded(certificate);
        try {
            EcdsaSignature signature = EcdsaSignature.fromDer(certificate.getSignature());
            if (signature.isLowS(issuer.key().curve())) {
                return der;
            }
            Certificate structure = certificate.toASN1Structure();
            ASN1EncodableVector vector = new ASN1EncodableVector(3);
            vector.add(structure.getTBSCertificate());
            vector.add(structure.getSignatureAlgorithm());
            vector.add(new DERBitString(signature.toLowS(issuer.key().curve()).toDer()));
            return new DERSequence(vector).getEncoded();
        } catch (CryptoException | IOException e) {
            return der;
        }
    }

    static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("re-encoding a parsed certificate failed", e);
        }
    }

    @Override
    public String toString() {
        return "X509Msp[" + id + "]";
    }

    /** Reads and checks a {@code FabricMSPConfig}. */
    private static final class MspSetup {
        private final FabricMSPConfig config;
        private final String id;

        MspSetup(FabricMSPConfig config) {
            this.config = config;
            this.id = config.getName();
        }

        X509Msp build() throws MspConfigException {
            if (id.isEmpty()) {
                throw new MspConfigException("an MSP definition has no name (MSP id)");
            }
            List<CaCertificate> roots = cas(config.getRootCertsList(), "root certificate");
            if (roots.isEmpty()) {
                throw new MspConfigException("MSP " + id + " has no root CA certificate");
            }
            for (CaCertificate root : roots) {
                if (!Certificates.isCa(root.certificate()) || !root.issued(root.certificate())) {
                    throw new MspConfigException("MSP " + id + ": root certificate " + root.name()
                            + " is not a self-signed CA certificate");
                }
            }
            List<CaCertificate> intermediates = cas(config.getIntermediateCertsList(), "intermediate certificate");
            HashFunction hash = signatureHash();
            X509Msp draft = new X509Msp(id, roots, intermediates, Set.of(), List.of(), List.of(),
                    new NodeOus(false, null, null, null, null), hash);
            for (CaCertificate intermediate : intermediates) {
                try {
                    draft.chainAbove(intermediate.certificate());
                } catch (IdentityException e) {
                    throw new MspConfigException("MSP " + id + ": intermediate certificate " + intermediate.name()
                            + " does not chain to a root: " + e.getMessage(), e);
                }
            }
            NodeOus nodeOus = nodeOus(draft);
            Set<ByteString> admins = admins(draft);
            if (admins.isEmpty() && (!nodeOus.enabled() || nodeOus.admin() == null)) {
                throw new MspConfigException("MSP " + id + " declares neither admin certificates nor an admin NodeOU;"
                        + " one of them is required");
            }
            List<OuIdentifier> units = new ArrayList<>();
            for (FabricOUIdentifier ou : config.getOrganizationalUnitIdentifiersList()) {
                units.add(ouIdentifier(draft, ou, "organizational unit identifier"));
            }
            return new X509Msp(id, roots, intermediates, admins, revocationLists(), units, nodeOus, hash);
        }

        private List<CaCertificate> cas(List<ByteString> pems, String what) throws MspConfigException {
            List<CaCertificate> cas = new ArrayList<>();
            for (ByteString pem : pems) {
                try {
                    for (X509CertificateHolder certificate : Certificates.allFromPem(pem.toByteArray())) {
                        cas.add(new CaCertificate(certificate, Certificates.publicKey(certificate), encoded(certificate)));
                    }
                } catch (CryptoException e) {
                    throw new MspConfigException("MSP " + id + ": " + what + ": " + e.getMessage(), e);
                }
            }
            return cas;
        }

        private HashFunction signatureHash() throws MspConfigException {
            String family = config.getCryptoConfig().getSignatureHashFamily();
            String identifierHash = config.getCryptoConfig().getIdentityIdentifierHashFunction();
            if (!identifierHash.isEmpty() && !identifierHash.equals("SHA256")) {
                throw new MspConfigException("MSP " + id + ": unsupported identity identifier hash function "
                        + identifierHash + "; Fabric and Weft use SHA256");
            }
            return switch (family) {
                case "", "SHA2" -> HashFunction.SHA256;
                case "SHA3" -> HashFunction.SHA3_256;
                default -> throw new MspConfigException("MSP " + id + ": unsupported signature hash family " + family
                        + "; expected SHA2 or SHA3");
            };
        }

        private NodeOus nodeOus(X509Msp draft) throws MspConfigException {
            if (!config.hasFabricNodeOus() || !config.getFabricNodeOus().getEnable()) {
                return new NodeOus(false, null, null, null, null);
            }
            FabricNodeOUs ous = config.getFabricNodeOus();
            return new NodeOus(true,
                    optionalOu(draft, ous.hasClientOuIdentifier(), ous.getClientOuIdentifier(), "client"),
                    optionalOu(draft, ous.hasPeerOuIdentifier(), ous.getPeerOuIdentifier(), "peer"),
                    optionalOu(draft, ous.hasAdminOuIdentifier(), ous.getAdminOuIdentifier(), "admin"),
                    optionalOu(draft, ous.hasOrdererOuIdentifier(), ous.getOrdererOuIdentifier(), "orderer"));
        }

        private OuIdentifier optionalOu(X509Msp draft, boolean present, FabricOUIdentifier ou, String role)
                throws MspConfigException {
            if (!present || ou.getOrganizationalUnitIdentifier().isEmpty()) {
                return null;
            }
            return ouIdentifier(draft, ou, role + " NodeOU");
        }

        private OuIdentifier ouIdentifier(X509Msp draft, FabricOUIdentifier ou, String what)
                throws MspConfigException {
            if (ou.getCertificate().isEmpty()) {
                return new OuIdentifier(ou.getOrganizationalUnitIdentifier(), null);
            }
            try {
                X509CertificateHolder certificate = Certificates.fromPem(ou.getCertificate().toByteArray());
                byte[] der = encoded(certificate);
                CaCertificate ca = new CaCertificate(certificate, Certificates.publicKey(certificate), der);
                List<CaCertificate> chain = new ArrayList<>();
                chain.add(ca);
                if (!draft.roots.contains(ca) && draft.roots.stream().noneMatch(r -> Arrays.equals(r.der(), der))) {
                    chain.addAll(draft.chainAbove(certificate));
                }
                return new OuIdentifier(ou.getOrganizationalUnitIdentifier(), certifiersIdentifier(chain));
            } catch (CryptoException | IdentityException e) {
                throw new MspConfigException("MSP " + id + ": " + what + " certificate: " + e.getMessage(), e);
            }
        }

        private Set<ByteString> admins(X509Msp draft) throws MspConfigException {
            Set<ByteString> admins = new HashSet<>();
            for (ByteString pem : config.getAdminsList()) {
                try {
                    X509CertificateHolder certificate = Certificates.fromPem(pem.toByteArray());
                    List<CaCertificate> chain = draft.chainAbove(certificate);
                    admins.add(ByteString.copyFrom(sanitize(certificate, chain.get(0))));
                } catch (CryptoException | IdentityException e) {
                    throw new MspConfigException("MSP " + id + ": admin certificate: " + e.getMessage(), e);
                }
            }
            return admins;
        }

        private List<X509CRLHolder> revocationLists() throws MspConfigException {
            List<X509CRLHolder> crls = new ArrayList<>();
            for (ByteString pem : config.getRevocationListList()) {
                try {
                    crls.add(Certificates.crlFromPem(pem.toByteArray()));
                } catch (CryptoException e) {
                    throw new MspConfigException("MSP " + id + ": revocation list: " + e.getMessage(), e);
                }
            }
            return crls;
        }
    }
}
