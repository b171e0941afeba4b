package weft.runtime.endorser.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.contract.ClientIdentity;

/** The proposal creator as a contract sees it, decoded from the {@code SerializedIdentity} on first use. */
final class X509ClientIdentity implements ClientIdentity {

    private final ByteString serialized;
    private String mspId;
    private X509Certificate certificate;

    X509ClientIdentity(ByteString serialized) {
        this.serialized = serialized;
    }

    @Override
    public String mspId() {
        decode();
        return mspId;
    }

    @Override
    public X509Certificate certificate() {
        decode();
        return certificate;
    }

    @Override
    public String id() {
        X509Certificate cert = certificate();
        return "x509::" + cert.getSubjectX500Principal().getName(X500Principal.RFC2253) + "::"
                + cert.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    private void decode() {
        if (certificate != null) {
            return;
        }
        try {
            SerializedIdentity identity = SerializedIdentity.parseFrom(serialized);
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(identity.getIdBytes().toByteArray()));
            mspId = identity.getMspid();
        } catch (InvalidProtocolBufferException | CertificateException e) {
            // The endorser validated the creator before the chaincode ran, so this is not expected.
            throw new ChaincodeException("the client identity cannot be decoded: " + e.getMessage(), e);
        }
    }
}
