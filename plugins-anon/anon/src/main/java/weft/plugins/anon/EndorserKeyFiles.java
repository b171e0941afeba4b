package weft.plugins.anon;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the AnonymousEndorsement plugin finds its key and, in ring mode, the parameter naming the ring.
 * Each setting is read from the component's configuration (PID {@value #PID}, when Configuration Admin is
 * installed), else from the framework or system property of the same name (e.g. {@code JAVA_OPTS=-Dweft.anon.keyFile=...}),
 * else the default under the peer's installation ({@code weft.home}). Relative paths are resolved against
 * {@code weft.home}, or the working directory when it is not set.
 *
 * @param keyFile       PEM P-256 private key ({@code PRIVATE KEY} or {@code EC PRIVATE KEY})
 * @param parameterFile the anonymous endorsement parameter (the same bytes as the chaincode definition's
 *                      validation parameter); absent means plain mode
 */
record EndorserKeyFiles(Path keyFile, Optional<Path> parameterFile) {

    /** The configuration PID. */
    static final String PID = "weft.plugins.anon.endorsement";
    /** The key file setting. */
    static final String KEY_FILE = "weft.anon.keyFile";
    /** The parameter file setting. */
    static final String PARAMETER_FILE = "weft.anon.parameterFile";
    /** The key file when nothing is configured, relative to weft.home. */
    static final String DEFAULT_KEY_FILE = "config/anon/endorser-key.pem";
    /** The parameter file looked for when nothing is configured, relative to weft.home. */
    static final String DEFAULT_PARAMETER_FILE = "config/anon/parameter.txt";

    EndorserKeyFiles {
        java.util.Objects.requireNonNull(keyFile, "keyFile");
        java.util.Objects.requireNonNull(parameterFile, "parameterFile");
    }

    /**
     * The settings from component properties, then {@code frameworkProperty} (a bundle context's
     * {@code getProperty}, which falls back to system properties).
     */
    static EndorserKeyFiles resolve(Map<String, ?> componentProperties, Function<String, String> frameworkProperty) {
        String home = frameworkProperty.apply("weft.home");
        Path base = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        String key = setting(KEY_FILE, componentProperties, frameworkProperty);
        String parameter = setting(PARAMETER_FILE, componentProperties, frameworkProperty);
        Path keyFile = base.resolve(key == null ? DEFAULT_KEY_FILE : key);
        Optional<Path> parameterFile;
        if (parameter != null) {
            parameterFile = Optional.of(base.resolve(parameter));
        } else {
            Path fallback = base.resolve(DEFAULT_PARAMETER_FILE);
            parameterFile = java.nio.file.Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
        }
        return new EndorserKeyFiles(keyFile, parameterFile);
    }

    private static String setting(String name, Map<String, ?> componentProperties, Function<String, String> framework) {
        Object value = componentProperties.get(name);
        if (value != null && !value.toString().isBlank()) {
            return value.toString();
        }
        String property = framework.apply(name);
        return property == null || property.isBlank() ? null : property;
    }
}
