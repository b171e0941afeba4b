package weft.runtime.operations.internal;

/** The {@code operations} section of core.yaml, or a file it names, cannot be used; the message says which setting. */
final class OperationsConfigException extends Exception {

    OperationsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
