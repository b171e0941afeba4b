package weft.runtime.msp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;
import weft.api.identity.IdentityException;
import weft.runtime.crypto.CryptoException;
import weft.runtime.crypto.Curve;
import weft.runtime.cryptogen.CertificateAuthority;
import weft.runtime.cryptogen.IssuedCertificate;

class X509MspTest {

    private final TestOrg org1 = new TestOrg("Org1MSP");
    private final TestOrg org2 = new TestOrg("Org2MSP");

    @Test
    void classifiesEachNodeOuRole() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp()));
        for (String role : List.of("client", "peer", "admin", "orderer")) {
            MspIdentity identity = manager.deserializeIdentity(org1.serialize(org1.issue(role + "1", role)));
            identity.validate();
            identity.satisfiesPrincipal(role("Org1MSP", MSPRole.MSPRoleType.MEMBER));
            for (MSPRole.MSPRoleType type : List.of(MSPRole.MSPRoleType.CLIENT, MSPRole.MSPRoleType.PEER,
                    MSPRole.MSPRoleType.ADMIN, MSPRole.MSPRoleType.ORDERER)) {
                boolean expected = type.name().equalsIgnoreCase(role);
                MSPPrincipal principal = role("Org1MSP", type);
                if (expected) {
                    assertDoesNotThrow(() -> identity.satisfiesPrincipal(principal), role + " is " + type);
                } else {
                    assertThrows(IdentityException.class, () -> identity.satisfiesPrincipal(principal),
                            role + " is not " + type);
                }
            }
        }
    }

    @Test
    void explicitAdminCertificateIsAdminWithoutTheAdminOu() throws Exception {
        IssuedCertificate operator = org1.issue("operator", "client");
        X509Msp msp = X509Msp.fromConfig(org1.config()
                .addAdmins(ByteString.copyFromUtf8(operator.certificatePem())).build());

        MspIdentity identity = new MspManager(List.of(msp)).deserializeIdentity(org1.serialize(operator));

        assertDoesNotThrow(() -> identity.satisfiesPrincipal(role("Org1MSP", MSPRole.MSPRoleType.ADMIN)));
    }

    @Test
    void memberOfAnotherMspDoesNotSatisfyThePrincipal() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp(), org2.msp()));
        MspIdentity peer2 = manager.deserializeIdentity(org2.serialize(org2.issue("peer0", "peer")));

        IdentityException e = assertThrows(IdentityException.class,
                () -> peer2.satisfiesPrincipal(role("Org1MSP", MSPRole.MSPRoleType.MEMBER)));
        assertEquals("the identity belongs to MSP Org2MSP, the principal to Org1MSP", e.getMessage());
    }

    @Test
    void rejectsACertificateChainedToAnotherOrgsCa() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp(), org2.msp()));
        // Org2's CA issued it, but it claims to be an Org1MSP identity.
        ByteString forged = org1.serialize(org2.issue("intruder", "peer"));

        IdentityException e = assertThrows(IdentityException.class, () -> manager.deserializeIdentity(forged));
        assertEquals("certificate intruder is issued by ca.org2msp, which is not a CA of MSP Org1MSP", e.getMessage());
    }

    @Test
    void rejectsAnUnknownMspId() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp()));
        ByteString serialized = TestOrg.serialize("Org9MSP", org1.issue("peer0", "peer"));

        IdentityException e = assertThrows(IdentityException.class, () -> manager.deserializeIdentity(serialized));
        assertEquals("unknown MSP id 'Org9MSP' (known: [Org1MSP])", e.getMessage());
    }

    @Test
    void rejectsMalformedPemAndDer() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp()));
        ByteString notPem = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFromUtf8("hello")).build().toByteString();
        ByteString badDer = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n"))
                .build().toByteString();

        assertEquals("identity of MSP Org1MSP: no PEM block found",
                assertThrows(IdentityException.class, () -> manager.deserializeIdentity(notPem)).getMessage());
        assertTrue(assertThrows(IdentityException.class, () -> manager.deserializeIdentity(badDer)).getMessage()
                .startsWith("identity of MSP Org1MSP: the certificate is not valid DER X.509"));
        assertTrue(assertThrows(IdentityException.class,
                () -> manager.deserializeIdentity(ByteString.copyFromUtf8("\u0001\u0002garbage"))).getMessage()
                .startsWith("malformed serialized identity"));
    }

    @Test
    void rejectsAnUnsupportedCurve() {
        SubjectPublicKeyInfo secp256k1 = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
                new byte[65]);

        CryptoException e = assertThrows(CryptoException.class,
                () -> weft.runtime.crypto.EcPublicKey.fromSubjectPublicKeyInfo(secp256k1));
        assertEquals("unsupported curve 1.3.132.0.10; Weft supports P-256 and P-384", e.getMessage());
    }

    @Test
    void acceptsP384Identities() throws Exception {
        TestOrg org = new TestOrg("Org3MSP", Curve.P384);
        MspIdentity identity = new MspManager(List.of(org.msp())).deserializeIdentity(org.serialize(org.issue("peer0", "peer")));
        identity.validate();
    }

    @Test
    void rejectsARevokedCertificate() throws Exception {
        IssuedCertificate revoked = org1.issue("peer0", "peer");
        IssuedCertificate kept = org1.issue("peer1", "peer");
        MspManager manager = new MspManager(List.of(org1.mspRevoking(revoked)));

        IdentityException e = assertThrows(IdentityException.class,
                () -> manager.deserializeIdentity(org1.serialize(revoked)).validate());
        assertEquals("identity peer0 of MSP Org1MSP is revoked: serial " + revoked.serial().toString(16)
                + " is listed in a CRL of ca.org1msp", e.getMessage());
        manager.deserializeIdentity(org1.serialize(kept)).validate();
    }

    @Test
    void rejectsACaCertificateAsIdentity() throws Exception {
        CertificateAuthority intermediate = org1.ca.intermediate("ica.org1msp");
        X509Msp msp = X509Msp.fromConfig(org1.config().addIntermediateCerts(
                ByteString.copyFromUtf8(intermediate.certificate().certificatePem())).build());

        IdentityException e = assertThrows(IdentityException.class, () -> new MspManager(List.of(msp))
                .deserializeIdentity(org1.serialize(intermediate.certificate())).validate());
        assertEquals("identity ica.org1msp of MSP Org1MSP is a CA certificate, which cannot be an identity", e.getMessage());
    }

    @Test
    void intermediateIssuesIdentitiesAndTheRootThenMayNot() throws Exception {
        CertificateAuthority intermediate = org1.ca.intermediate("ica.org1msp");
        X509Msp msp = X509Msp.fromConfig(org1.configWithUnpinnedNodeOus().addIntermediateCerts(
                ByteString.copyFromUtf8(intermediate.certificate().certificatePem())).build());
        MspManager manager = new MspManager(List.of(msp));
        IssuedCertificate viaIntermediate = intermediate.issue("peer0", "peer", Instant.now().minusSeconds(60),
                Duration.ofDays(1));

        manager.deserializeIdentity(org1.serialize(viaIntermediate)).validate();
        IdentityException e = assertThrows(IdentityException.class,
                () -> manager.deserializeIdentity(org1.serialize(org1.issue("peer1", "peer"))).validate());
        assertEquals("identity peer1 of MSP Org1MSP is issued by ca.org1msp, which also issued the CA ica.org1msp; "
                + "only CAs at the leaves of the certification tree may issue identities", e.getMessage());
    }

    @Test
    void nodeOuPinnedToTheRootDoesNotClassifyIdentitiesOfAnIntermediate() throws Exception {
        CertificateAuthority intermediate = org1.ca.intermediate("ica.org1msp");
        X509Msp msp = X509Msp.fromConfig(org1.config().addIntermediateCerts(
                ByteString.copyFromUtf8(intermediate.certificate().certificatePem())).build());
        IssuedCertificate peer = intermediate.issue("peer0", "peer", Instant.now().minusSeconds(60), Duration.ofDays(1));

        IdentityException e = assertThrows(IdentityException.class,
                () -> new MspManager(List.of(msp)).deserializeIdentity(org1.serialize(peer)).validate());
        assertTrue(e.getMessage().contains("must carry exactly one NodeOU"), e.getMessage());
    }

    @Test
    void rejectsAnIdentityWithoutExactlyOneNodeOu() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp()));

        IdentityException none = assertThrows(IdentityException.class,
                () -> manager.deserializeIdentity(org1.serialize(org1.issue("nobody", "sales"))).validate());
        assertEquals("identity nobody of MSP Org1MSP must carry exactly one NodeOU (client, peer, admin or orderer), "
                + "it carries 0 (its OUs: [sales])", none.getMessage());
    }

    @Test
    void validityPeriodIsReportedButDoesNotInvalidateCommittedHistory() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp()));
        IssuedCertificate expired = org1.ca.issue("old", "client", Instant.now().minus(Duration.ofDays(10)),
                Duration.ofDays(1));
        IssuedCertificate future = org1.ca.issue("early", "client", Instant.now().plus(Duration.ofDays(10)),
                Duration.ofDays(1));
        MspIdentity old = manager.deserializeIdentity(org1.serialize(expired));
        MspIdentity early = manager.deserializeIdentity(org1.serialize(future));

        old.validate(); // Fabric's MSP validates at NotBefore + 1 s: blocks signed before expiry stay valid
        IdentityException e = assertThrows(IdentityException.class, () -> old.checkValidityPeriod(Instant.now()));
        assertTrue(e.getMessage().startsWith("certificate old of MSP Org1MSP expired at "), e.getMessage());
        IdentityException notYet = assertThrows(IdentityException.class, () -> early.checkValidityPeriod(Instant.now()));
        assertTrue(notYet.getMessage().startsWith("certificate early of MSP Org1MSP is not valid yet: valid from "),
                notYet.getMessage());
    }

    @Test
    void identityOrganizationUnitAndCombinedPrincipals() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp()));
        IssuedCertificate peer = org1.issue("peer0", "peer");
        MspIdentity identity = manager.deserializeIdentity(org1.serialize(peer));
        MSPPrincipal exact = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                .setPrincipal(org1.serialize(peer)).build();
        MSPPrincipal other = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                .setPrincipal(org1.serialize(org1.issue("peer1", "peer"))).build();
        MSPPrincipal unit = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ORGANIZATION_UNIT)
                .setPrincipal(OrganizationUnit.newBuilder().setMspIdentifier("Org1MSP")
                        .setOrganizationalUnitIdentifier("peer").build().toByteString()).build();
        MSPPrincipal combined = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.COMBINED)
                .setPrincipal(CombinedPrincipal.newBuilder().addPrincipals(unit)
                        .addPrincipals(role("Org1MSP", MSPRole.MSPRoleType.PEER)).build().toByteString()).build();

        identity.satisfiesPrincipal(exact);
        identity.satisfiesPrincipal(unit);
        identity.satisfiesPrincipal(combined);
        assertThrows(IdentityException.class, () -> identity.satisfiesPrincipal(other));
    }

    @Test
    void cachesDeserializedIdentities() throws Exception {
        MspManager manager = new MspManager(List.of(org1.msp()));
        ByteString serialized = org1.serialize(org1.issue("peer0", "peer"));

        assertSame(manager.deserializeIdentity(serialized), manager.deserializeIdentity(serialized));
    }

    @Test
    void rejectsAnMspWithoutRootsOrAdmins() {
        assertEquals("MSP Org1MSP has no root CA certificate", assertThrows(MspConfigException.class,
                () -> X509Msp.fromConfig(org1.config().clearRootCerts().build())).getMessage());
        assertEquals("MSP Org1MSP declares neither admin certificates nor an admin NodeOU; one of them is required",
                assertThrows(MspConfigException.class,
                        () -> X509Msp.fromConfig(org1.config().clearFabricNodeOus().build())).getMessage());
    }

    private static MSPPrincipal role(String mspId, MSPRole.MSPRoleType type) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).setRole(type).build().toByteString())
                .build();
    }
}
