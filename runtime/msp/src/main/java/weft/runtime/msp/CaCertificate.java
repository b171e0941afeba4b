package weft.runtime.msp;

import org.bouncycastle.cert.X509CertificateHolder;
import weft.runtime.crypto.EcPublicKey;

/** A root or intermediate CA certificate of an MSP, with its decoded key. */
record CaCertificate(X509CertificateHolder certificate, EcPublicKey key, byte[] der) {

    String name() {
        return Certificates.commonName(certificate.getSubject());
    }

    boolean issued(X509CertificateHolder child) {
        return child.getIssuer().equals(certificate.getSubject()) && Certificates.isSignedBy(child, key);
    }
}
