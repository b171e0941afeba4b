package weft.runtime.lifecycle.state;

/**
 * The keys of Fabric's lifecycle state. A structure named {@code name} in a key space ({@link #NAMESPACES} or
 * {@link #CHAINCODE_SOURCES}) is stored as one metadata key, {@code <space>/metadata/<name>}, naming its type and
 * fields, and one key per field, {@code <space>/fields/<name>/<Field>}. Public definitions use the chaincode name;
 * an organisation's approvals use {@code <chaincode>#<sequence>} in its implicit collection.
 */
public final class LifecycleKeys {

    /** The namespace of the lifecycle system chaincode. */
    public static final String LIFECYCLE_NAMESPACE = "_lifecycle";
    /** The key space of chaincode definitions (public) and chaincode parameters (approvals, private). */
    public static final String NAMESPACES = "namespaces";
    /** The key space, only in implicit collections, that records which package an organisation approved. */
    public static final String CHAINCODE_SOURCES = "chaincode-sources";

    private static final String IMPLICIT_COLLECTION_PREFIX = "_implicit_org_";

    private LifecycleKeys() {
    }

    /** {@code <space>/metadata/<name>}. */
    public static String metadataKey(String space, String name) {
        return space + "/metadata/" + name;
    }

    /** {@code <space>/fields/<name>/<field>}. */
    public static String fieldKey(String space, String name, String field) {
        return space + "/fields/" + name + "/" + field;
    }

    /** The name an approval is stored under: {@code <chaincode>#<sequence>}. */
    public static String privateName(String chaincode, long sequence) {
        return chaincode + "#" + sequence;
    }

    /** The implicit private-data collection of an organisation: {@code _implicit_org_<MSPID>}. */
    public static String implicitCollection(String mspId) {
        return IMPLICIT_COLLECTION_PREFIX + mspId;
    }

    /** The MSP id of an implicit collection, or null when {@code collection} is not one. */
    public static String mspIdOfImplicitCollection(String collection) {
        return collection.startsWith(IMPLICIT_COLLECTION_PREFIX)
                ? collection.substring(IMPLICIT_COLLECTION_PREFIX.length()) : null;
    }
}
