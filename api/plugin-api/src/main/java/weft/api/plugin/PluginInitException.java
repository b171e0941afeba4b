package weft.api.plugin;

/**
 * A plugin could not be initialised for a channel, typically because a dependency it needs was not passed.
 * The peer does not keep the instance, reports the message with the handler's name, and tries again on the
 * next use.
 */
public class PluginInitException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginInitException(String message) {
        super(message);
    }

    public PluginInitException(String message, Throwable cause) {
        super(message, cause);
    }
}
