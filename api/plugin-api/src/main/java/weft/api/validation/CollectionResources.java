package weft.api.validation;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import weft.api.plugin.Dependency;

/**
 * Tells a validation plugin the endorsement policy of a private-data collection; passed to {@code init}.
 * A collection's writes must satisfy its own policy where it has one, and the chaincode's otherwise.
 */
@ProviderType
public interface CollectionResources extends Dependency {

    /**
     * The endorsement policy (a marshalled {@code ApplicationPolicy}) of {@code collection} of {@code chaincode}:
     * for an organisation's implicit collection ({@code _implicit_org_<MSP id>}) that organisation's endorsement
     * policy; for a defined collection its own policy, or empty when it has none (use the chaincode's).
     *
     * @throws CollectionConfigException when the chaincode defines no such collection (the transaction is invalid)
     * @throws ExecutionFailureException when the definitions cannot be read
     */
    Optional<ByteString> collectionEndorsementPolicy(String chaincode, String collection)
            throws CollectionConfigException, ExecutionFailureException;
}
