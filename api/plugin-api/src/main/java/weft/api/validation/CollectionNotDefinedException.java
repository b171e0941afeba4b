package weft.api.validation;

/** The chaincode defines no collection configuration, or not the one asked for (Fabric's CollConfigNotDefinedError). */
public class CollectionNotDefinedException extends CollectionConfigException {

    private static final long serialVersionUID = 1L;

    public CollectionNotDefinedException(String message) {
        super(message);
    }
}
