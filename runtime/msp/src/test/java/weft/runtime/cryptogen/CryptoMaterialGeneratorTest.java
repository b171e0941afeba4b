package weft.runtime.cryptogen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.crypto.Curve;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspFolder;
import weft.runtime.msp.MspIdentity;
import weft.runtime.msp.MspManager;
import weft.runtime.msp.X509Msp;

class CryptoMaterialGeneratorTest {

    @TempDir
    Path dir;

    private final CryptoSpec twoOrgs = new CryptoSpec(2, 2, 1, 1, true, Curve.P256, Duration.ofDays(365));

    @Test
    void generatedIdentitiesSignAndVerifyThroughTheirOrganisationsMsp() throws Exception {
        List<GeneratedOrganization> organizations = new CryptoMaterialGenerator(new SecureRandom()).generate(dir, twoOrgs);

        assertEquals(List.of("Org1MSP", "Org2MSP", "OrdererMSP"),
                organizations.stream().map(GeneratedOrganization::mspId).toList());
        List<X509Msp> msps = new ArrayList<>();
        for (GeneratedOrganization org : organizations) {
            msps.add(MspFolder.load(org.mspFolder(), org.mspId()));
        }
        MspManager channel = new MspManager(msps);
        for (GeneratedOrganization org : organizations) {
            for (GeneratedOrganization.Identity node : org.nodes()) {
                X509Msp own = channel.msp(org.mspId()).orElseThrow();
                LocalSigningIdentity signer = MspFolder.signingIdentity(node.mspFolder(), own);
                MspIdentity identity = channel.deserializeIdentity(signer.serialize());
                ByteString message = ByteString.copyFromUtf8("signed by " + node.name());
                identity.verify(message, signer.sign(message));
                identity.satisfiesPrincipal(role(org.mspId(), node.role()));
            }
        }
        assertEquals(2, organizations.get(0).folders("peer").size());
        assertTrue(Files.exists(dir.resolve(
                "peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp/keystore/priv_sk")));
        assertTrue(Files.exists(dir.resolve(
                "ordererOrganizations/example.com/orderers/orderer.example.com/msp/signcerts/orderer.example.com-cert.pem")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
                "peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp/keystore/priv_sk"))),
                "private keys are readable by their owner only");
    }

    @Test
    void refusesToOverwriteExistingMaterial() throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "existing");

        IOException e = assertThrows(IOException.class,
                () -> new CryptoMaterialGenerator(new SecureRandom()).generate(dir, twoOrgs));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
    }

    @Test
    void rejectsNonsensicalSpecs() {
        assertEquals("organizations must be between 1 and 100, was 0", assertThrows(IllegalArgumentException.class,
                () -> new CryptoSpec(0, 1, 1, 1, false, Curve.P256, Duration.ofDays(1))).getMessage());
        assertEquals("admins per organization must be between 1 and 1000, was 0", assertThrows(IllegalArgumentException.class,
                () -> new CryptoSpec(1, 1, 1, 0, false, Curve.P256, Duration.ofDays(1))).getMessage());
    }

    private static MSPPrincipal role(String mspId, String role) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId)
                        .setRole(MSPRole.MSPRoleType.valueOf(role.toUpperCase())).build().toByteString()).build();
    }
}
