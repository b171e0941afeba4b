package weft.api.identity;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.osgi.annotation.versioning.ProviderType;

/** A member of a channel's MSPs: who signed a transaction or an endorsement. */
@ProviderType
public interface Identity {

    /** Uniquely names this identity within the channel: MSP id plus a digest of its certificate. */
    IdentityIdentifier identifier();

    /** The id of the MSP that issued this identity, e.g. {@code Org1MSP}. */
    default String mspId() {
        return identifier().mspId();
    }

    /**
     * Checks the identity against its MSP: certificate chain, revocation, organisational units.
     *
     * @throws IdentityException naming the reason the identity is not valid
     */
    void validate() throws IdentityException;

    /**
     * Checks that this identity satisfies {@code principal} (a role, organisational unit, exact identity, or a
     * combination of them).
     *
     * @throws IdentityException naming why it does not
     */
    void satisfiesPrincipal(MSPPrincipal principal) throws IdentityException;

    /**
     * Verifies {@code signature} over {@code message} with this identity's public key, as Fabric does:
     * SHA-256 digest, DER-encoded ECDSA with low S.
     *
     * @throws IdentityException when the signature does not verify or is malformed
     */
    void verify(ByteString message, ByteString signature) throws IdentityException;
}
