package weft.runtime.msp;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import weft.api.identity.Identity;
import weft.api.identity.IdentityException;
import weft.api.identity.IdentityIdentifier;
import weft.runtime.crypto.CryptoException;
import weft.runtime.crypto.EcPublicKey;

/**
 * An identity of an {@link X509Msp}: its certificate, decoded key and certification chain, decoded once. The
 * result of {@link #validate()} is remembered, so a cached identity costs one signature verification per use.
 */
public final class MspIdentity implements Identity {

    /** The outcome of validation: {@code null} problem means valid. */
    private record Validation(String problem, IdentityException cause) {
    }

    private final X509Msp msp;
    private final X509CertificateHolder certificate;
    private final ByteString serializedCertificate;
    private final EcPublicKey key;
    private final List<CaCertificate> chain;
    private final IdentityIdentifier identifier;
    private final byte[] certifiersIdentifier;
    private final List<String> organizationalUnits;
    private volatile Validation validation;

    MspIdentity(X509Msp msp, X509CertificateHolder certificate, ByteString sanitizedDer, EcPublicKey key,
                List<CaCertificate> chain, byte[] derHash, byte[] certifiersIdentifier) {
        this.msp = msp;
        this.certificate = certificate;
        this.serializedCertificate = sanitizedDer;
        this.key = key;
        this.chain = List.copyOf(chain);
        this.identifier = new IdentityIdentifier(msp.id(), HexFormat.of().formatHex(derHash));
        this.certifiersIdentifier = certifiersIdentifier;
        this.organizationalUnits = Certificates.organizationalUnits(certificate);
    }

    @Override
    public IdentityIdentifier identifier() {
        return identifier;
    }

    @Override
    public void validate() throws IdentityException {
        Validation outcome = validation;
        if (outcome == null) {
            try {
                msp.validate(this);
                outcome = new Validation(null, null);
            } catch (IdentityException e) {
                outcome = new Validation(e.getMessage(), e);
            }
            validation = outcome;
        }
        if (outcome.problem() != null) {
            throw new IdentityException(outcome.problem(), outcome.cause());
        }
    }

    @Override
    public void satisfiesPrincipal(MSPPrincipal principal) throws IdentityException {
        msp.satisfiesPrincipal(this, principal);
    }

    @Override
    public void verify(ByteString message, ByteString signature) throws IdentityException {
        try {
            key.verify(message, signature.toByteArray(), msp.signatureHash());
        } catch (CryptoException e) {
            throw new IdentityException("signature by " + displayName() + " of MSP " + msp.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code now} lies within the certificate's validity period. The MSP itself does not (committed
     * blocks must re-validate identically years later); proposals are checked with this at arrival.
     */
    public void checkValidityPeriod(Instant now) throws IdentityException {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new IdentityException("certificate " + displayName() + " of MSP " + msp.id()
                    + " is not valid yet: valid from " + notBefore);
        }
        if (now.isAfter(notAfter)) {
            throw new IdentityException("certificate " + displayName() + " of MSP " + msp.id() + " expired at "
                    + notAfter);
        }
    }

    /** The MSP this identity belongs to. */
    public X509Msp msp() {
        return msp;
    }

    /** The certificate's DER (sanitised to low-S), what admin and identity principals compare. */
    public ByteString serializedCertificate() {
        return serializedCertificate;
    }

    public EcPublicKey publicKey() {
        return key;
    }

    /** The certificate's subject common name, for messages. */
    public String displayName() {
        return Certificates.commonName(certificate.getSubject());
    }

    X509CertificateHolder certificate() {
        return certificate;
    }

    List<CaCertificate> chain() {
        return chain;
    }

    byte[] certifiersIdentifier() {
        return certifiersIdentifier;
    }

    List<String> organizationalUnits() {
        return organizationalUnits;
    }

    @Override
    public String toString() {
        return "MspIdentity[" + msp.id() + ", " + displayName() + "]";
    }
}
