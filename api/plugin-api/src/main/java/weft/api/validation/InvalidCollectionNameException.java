package weft.api.validation;

/** A collection name is not valid for the chaincode (Fabric's InvalidCollNameError). */
public class InvalidCollectionNameException extends CollectionConfigException {

    private static final long serialVersionUID = 1L;

    public InvalidCollectionNameException(String message) {
        super(message);
    }
}
