package weft.runtime.handlers;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exactly which code serves a handler: the handler name its factory is registered under, the bundle that holds
 * it, and the SHA-256 digest of that bundle's jar. A chaincode definition may pin its plugins to one identity
 * (see {@link PluginReference}); a peer whose plugin has another identity then refuses to validate for it.
 * <pre>{@code
 * PluginIdentity id = PluginIdentity.parsePin("DefaultValidation/weft.plugins.vscc/0.1.0#sha256:9f86d0...");
 * id.pinText();   // the same text, version in OSGi's canonical form
 * }</pre>
 *
 * @param handlerName        the {@code weft.handler.name} of the factory service ({@code DefaultValidation})
 * @param bundleSymbolicName the bundle that registers it
 * @param bundleVersion      that bundle's version, in OSGi's canonical form ({@code 1.0.0})
 * @param sha256             lower-case hex digest of the bundle's jar as installed; empty when the peer could
 *                           not read it (a pin then never matches)
 */
public record PluginIdentity(String handlerName, String bundleSymbolicName, String bundleVersion, String sha256) {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+)(?:\\.(\\d+)(?:\\.([\\w-]+))?)?)?");
    private static final Pattern PIN = Pattern.compile("([^/@#]+)/([^/@#]+)/([^/@#]+)#sha256:(.*)");

    public PluginIdentity {
        Objects.requireNonNull(handlerName, "handlerName");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.isEmpty() && !DIGEST.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 lower-case hex digits, not '" + sha256 + "'");
        }
    }

    /**
     * Reads a pin as {@link #pinText()} writes it: {@code <handler>/<bundle>/<version>#sha256:<64 hex digits>}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static PluginIdentity parsePin(String text) {
        Matcher matcher = PIN.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a plugin pin is <handler name>/<bundle symbolic name>/<bundle version>"
                    + "#sha256:<64 hex digits>, not '" + text + "'");
        }
        String digest = matcher.group(4).toLowerCase(java.util.Locale.ROOT);
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("the digest of plugin pin '" + text + "' is not 64 hex digits");
        }
        Matcher version = VERSION.matcher(matcher.group(3));
        if (!version.matches()) {
            throw new IllegalArgumentException("the bundle version of plugin pin '" + text + "' is not an OSGi "
                    + "version (major[.minor[.micro[.qualifier]]])");
        }
        // OSGi's canonical form, as Bundle.getVersion().toString() writes it: 1.0 is 1.0.0.
        String canonical = Long.parseLong(version.group(1)) + "." + number(version.group(2)) + "."
                + number(version.group(3)) + (version.group(4) == null ? "" : "." + version.group(4));
        return new PluginIdentity(matcher.group(1), matcher.group(2), canonical, digest);
    }

    private static long number(String part) {
        return part == null ? 0 : Long.parseLong(part);
    }

    /** The pin text a chaincode definition records for this identity. */
    public String pinText() {
        return handlerName + "/" + bundleSymbolicName + "/" + bundleVersion + "#sha256:" + sha256;
    }

    /** For messages: {@code DefaultValidation (bundle weft.plugins.vscc 0.1.0, sha256:9f86...)}. */
    @Override
    public String toString() {
        return handlerName + " (bundle " + bundleSymbolicName + " " + bundleVersion + ", sha256:"
                + (sha256.isEmpty() ? "unknown" : sha256) + ")";
    }
}
