package weft.runtime.cryptogen;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;
import weft.runtime.crypto.EcPrivateKey;

/** A certificate with its private key. */
public record IssuedCertificate(X509CertificateHolder certificate, EcPrivateKey key) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }

    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String certificatePem() {
        return Pem.encode("CERTIFICATE", der());
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }
}
