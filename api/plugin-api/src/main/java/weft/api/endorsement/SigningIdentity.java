package weft.api.endorsement;

import com.google.protobuf.ByteString;
import org.osgi.annotation.versioning.ProviderType;

/** An identity that can sign: what endorsement plugins sign with. */
@ProviderType
public interface SigningIdentity {

    /** The identity as a marshalled {@code msp.SerializedIdentity} (MSP id and PEM certificate). */
    ByteString serialize();

    /**
     * Signs {@code message} the way Fabric does: SHA-256 digest, ECDSA, low-S, DER-encoded.
     *
     * @throws EndorsementException when the key cannot be used
     */
    ByteString sign(ByteString message) throws EndorsementException;
}
