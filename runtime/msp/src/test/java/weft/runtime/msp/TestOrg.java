package weft.runtime.msp;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import weft.runtime.crypto.Curve;
import weft.runtime.cryptogen.CertificateAuthority;
import weft.runtime.cryptogen.IssuedCertificate;
import weft.runtime.cryptogen.Pem;

/** An organisation for tests: a CA and the FabricMSPConfig of its MSP with NodeOUs. */
public final class TestOrg {

    static final SecureRandom RANDOM = new SecureRandom();

    public final String mspId;
    public final CertificateAuthority ca;

    public TestOrg(String mspId) {
        this(mspId, Curve.P256);
    }

    public TestOrg(String mspId, Curve curve) {
        this.mspId = mspId;
        // Backdated, so that tests can issue certificates that are already expired.
        this.ca = CertificateAuthority.root("ca." + mspId.toLowerCase(), mspId, curve, RANDOM,
                Instant.now().minus(Duration.ofDays(100)), Duration.ofDays(3650));
    }

    public IssuedCertificate issue(String name, String ou) {
        return ca.issue(name, ou, Instant.now().minusSeconds(60), Duration.ofDays(365));
    }

    public FabricMSPConfig.Builder config() {
        ByteString caPem = ByteString.copyFromUtf8(ca.certificate().certificatePem());
        return FabricMSPConfig.newBuilder().setName(mspId).addRootCerts(caPem)
                .setFabricNodeOus(FabricNodeOUs.newBuilder().setEnable(true)
                        .setClientOuIdentifier(ou(caPem, "client"))
                        .setPeerOuIdentifier(ou(caPem, "peer"))
                        .setAdminOuIdentifier(ou(caPem, "admin"))
                        .setOrdererOuIdentifier(ou(caPem, "orderer")));
    }

    /** NodeOUs recognised by OU value alone, whichever CA of the MSP issued the certificate. */
    FabricMSPConfig.Builder configWithUnpinnedNodeOus() {
        FabricMSPConfig.Builder config = config();
        FabricNodeOUs.Builder ous = config.getFabricNodeOusBuilder();
        ous.getClientOuIdentifierBuilder().clearCertificate();
        ous.getPeerOuIdentifierBuilder().clearCertificate();
        ous.getAdminOuIdentifierBuilder().clearCertificate();
        ous.getOrdererOuIdentifierBuilder().clearCertificate();
        return config;
    }

    public X509Msp msp() throws MspConfigException {
        return X509Msp.fromConfig(config().build());
    }

    X509Msp mspRevoking(IssuedCertificate... revoked) throws MspConfigException {
        X509CRLHolder crl = ca.revocationList(List.of(revoked).stream().map(IssuedCertificate::serial).toList());
        try {
            return X509Msp.fromConfig(config().addRevocationList(
                    ByteString.copyFromUtf8(Pem.encode("X509 CRL", crl.getEncoded()))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ByteString serialize(IssuedCertificate certificate) {
        return serialize(mspId, certificate);
    }

    public static ByteString serialize(String mspId, IssuedCertificate certificate) {
        return SerializedIdentity.newBuilder().setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(certificate.certificatePem())).build().toByteString();
    }

    private static FabricOUIdentifier ou(ByteString caPem, String ou) {
        return FabricOUIdentifier.newBuilder().setCertificate(caPem).setOrganizationalUnitIdentifier(ou).build();
    }
}
