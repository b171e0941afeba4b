package weft.runtime.endorser;

import java.util.Objects;
import java.util.Set;

/**
 * What the endorser needs to run a chaincode for one proposal: the definition's name, version, endorsement
 * plugin and init flag, its private data collections, and the package id of the installed bundle that serves it.
 */
public record ChaincodeBinding(String name, String version, String endorsementPlugin, boolean initRequired,
                               Set<String> collections, String packageId) {

    /** Fabric's default endorsement plugin name, also the one system chaincodes use. */
    public static final String DEFAULT_ENDORSEMENT_PLUGIN = "escc";
    /** The version Fabric reports for system chaincodes. */
    public static final String SYSTEM_VERSION = "syscc";
    /** Every organisation's implicit collection, which needs no definition. */
    public static final String IMPLICIT_COLLECTION_PREFIX = "_implicit_org_";

    public ChaincodeBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(endorsementPlugin, "endorsementPlugin");
        collections = Set.copyOf(collections);
        Objects.requireNonNull(packageId, "packageId");
    }

    /** Whether the chaincode may use {@code collection}: one of its definition's, or an implicit org collection. */
    public boolean hasCollection(String collection) {
        return collections.contains(collection) || collection.startsWith(IMPLICIT_COLLECTION_PREFIX);
    }
}
