package weft.api.validation;

/**
 * A private-data collection lookup failed deterministically: every peer reaches the same answer, so it is
 * information, not an execution failure. See {@link CollectionNotDefinedException} and
 * {@link InvalidCollectionNameException}.
 */
public class CollectionConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public CollectionConfigException(String message) {
        super(message);
    }
}
