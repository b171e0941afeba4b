package weft.chaincode.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.contract.ClientIdentity;

/**
 * The {@link ClientIdentity} a contract sees, read from a proposal's creator. {@link #id()} is
 * {@code x509::<subject>::<issuer>} with both names in RFC 2253 form ({@code CN=alice,OU=client,O=Org1MSP}), the
 * form Fabric's Go client identity library prints.
 */
public final class TestClientIdentity implements ClientIdentity {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private final String mspId;
    private final X509Certificate certificate;

    TestClientIdentity(String mspId, X509Certificate certificate) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * Reads a marshalled {@code msp.SerializedIdentity}.
     *
     * @throws ChaincodeException when the creator is not a serialized identity with a PEM certificate
     */
    public static TestClientIdentity fromCreator(ByteString creator) {
        try {
            SerializedIdentity identity = SerializedIdentity.parseFrom(creator);
            if (identity.getMspid().isEmpty()) {
                throw new ChaincodeException("the creator has no MSP id");
            }
            return new TestClientIdentity(identity.getMspid(), parsePem(identity.getIdBytes().toString(StandardCharsets.UTF_8)));
        } catch (InvalidProtocolBufferException e) {
            throw new ChaincodeException("the creator is not a SerializedIdentity: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ChaincodeException("the creator's certificate cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String mspId() {
        return mspId;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public String id() {
        return "x509::" + certificate.getSubjectX500Principal().getName() + "::"
                + certificate.getIssuerX500Principal().getName();
    }

    @Override
    public String toString() {
        return mspId + " " + id();
    }

    static X509Certificate parsePem(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END, begin + 1);
        if (begin < 0 || end < 0) {
            throw new IllegalArgumentException("no PEM CERTIFICATE block");
        }
        String base64 = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        try {
            byte[] der = java.util.Base64.getDecoder().decode(base64);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }
}
