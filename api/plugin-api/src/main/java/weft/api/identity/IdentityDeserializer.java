package weft.api.identity;

import com.google.protobuf.ByteString;
import org.osgi.annotation.versioning.ProviderType;
import weft.api.plugin.Dependency;

/** Turns serialized identities into {@link Identity} objects using the channel's MSPs; passed to {@code init}. */
@ProviderType
public interface IdentityDeserializer extends Dependency {

    /**
     * Deserializes a marshalled {@code msp.SerializedIdentity}.
     *
     * @throws IdentityException when the bytes are malformed or name an MSP the channel does not know
     */
    Identity deserializeIdentity(ByteString serializedIdentity) throws IdentityException;
}
