package weft.chaincode.testing;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A client identity for tests: an MSP id and an X.509 certificate, serialised as the proposal creator the peer
 * would see ({@code msp.SerializedIdentity} with the PEM certificate).
 * <pre>{@code
 * TestIdentity alice = TestIdentity.create("Org1MSP", "alice");          // a generated test certificate
 * TestIdentity admin = TestIdentity.create("Org1MSP", "Admin1", "admin");  // with another NodeOU
 * TestIdentity real = TestIdentity.fromPem("Org1MSP", Files.readString(certFile)); // a crypto-generator certificate
 * }</pre>
 * A generated certificate has subject {@code CN=<name>,OU=<ou>,O=<mspId>} and issuer {@code CN=ca.<mspid>,O=<mspId>}
 * (lower-case MSP id in the CN), so {@link TestClientIdentity#id()} is the same for the same MSP id and name in
 * every run. It is signed by a throw-away CA key: good enough for chaincode, which does not validate certificates
 * (the peer's MSP does that before the chaincode runs), and not accepted by a real MSP.
 */
public final class TestIdentity {

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String ORGANIZATIONAL_UNIT = "2.5.4.11";

    private final String mspId;
    private final X509Certificate certificate;

    private TestIdentity(String mspId, X509Certificate certificate) {
        if (mspId == null || mspId.isEmpty()) {
            throw new IllegalArgumentException("MSP id must not be empty");
        }
        this.mspId = mspId;
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    /** A client ({@code OU=client}) of {@code mspId} with a generated certificate. */
    public static TestIdentity create(String mspId, String commonName) {
        return create(mspId, commonName, "client");
    }

    /** A member of {@code mspId} with a generated certificate whose OU is {@code ou} (client, peer, admin...). */
    public static TestIdentity create(String mspId, String commonName, String ou) {
        if (mspId == null || mspId.isEmpty()) {
            throw new IllegalArgumentException("MSP id must not be empty");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair ca = generator.generateKeyPair();
            KeyPair subject = generator.generateKeyPair();
            Instant now = Instant.now();
            byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
            byte[] tbs = Der.sequence(
                    Der.integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)),
                    algorithm,
                    name(new String[][] {{ORGANIZATION, mspId}, {COMMON_NAME, "ca." + mspId.toLowerCase()}}),
                    Der.sequence(Der.utcTime(now.minus(Duration.ofMinutes(5))), Der.utcTime(now.plus(Duration.ofDays(365)))),
                    name(new String[][] {{ORGANIZATION, mspId}, {ORGANIZATIONAL_UNIT, ou}, {COMMON_NAME, commonName}}),
                    subject.getPublic().getEncoded());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(ca.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            return new TestIdentity(mspId, parse(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a test certificate: " + e.getMessage(), e);
        }
    }

    /** An identity with a given certificate, e.g. one issued by {@code weft-peer crypto generate}. */
    public static TestIdentity of(String mspId, X509Certificate certificate) {
        return new TestIdentity(mspId, certificate);
    }

    /** An identity with a PEM certificate (the first CERTIFICATE block is used). */
    public static TestIdentity fromPem(String mspId, String pem) {
        return new TestIdentity(mspId, TestClientIdentity.parsePem(pem));
    }

    public String mspId() {
        return mspId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as PEM, as Fabric puts it in {@code SerializedIdentity.id_bytes}. */
    public String certificatePem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    /** The marshalled {@code msp.SerializedIdentity}: what {@code ChaincodeStub.creator()} returns. */
    public ByteString serialize() {
        return SerializedIdentity.newBuilder().setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(certificatePem())).build().toByteString();
    }

    /** The client identity a contract sees for this creator. */
    public TestClientIdentity clientIdentity() {
        return new TestClientIdentity(mspId, certificate);
    }

    @Override
    public String toString() {
        return mspId + " " + certificate.getSubjectX500Principal().getName();
    }

    private static byte[] name(String[][] attributes) {
        byte[][] rdns = new byte[attributes.length][];
        for (int i = 0; i < attributes.length; i++) {
            rdns[i] = Der.set(Der.sequence(Der.oid(attributes[i][0]), Der.utf8String(attributes[i][1])));
        }
        return Der.sequence(rdns);
    }

    private static X509Certificate parse(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
