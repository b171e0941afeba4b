package weft.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the framework finds the peer's bundles and keeps its cache, and any extra framework properties.
 *
 * @param bundlesDirectory  every {@code *.jar} in it is installed and started
 * @param storageDirectory  the framework's bundle cache; wiped when the framework starts
 * @param startTimeout      how long to wait for the peer bundle to come up
 * @param frameworkProperties extra OSGi framework properties (they win over Weft's defaults)
 */
public record LaunchSettings(Path bundlesDirectory, Path storageDirectory, Duration startTimeout,
                             Map<String, String> frameworkProperties) {

    public LaunchSettings {
        Objects.requireNonNull(bundlesDirectory, "bundlesDirectory");
        Objects.requireNonNull(storageDirectory, "storageDirectory");
        Objects.requireNonNull(startTimeout, "startTimeout");
        frameworkProperties = Map.copyOf(frameworkProperties);
    }

    public static LaunchSettings of(Path bundlesDirectory, Path storageDirectory) {
        return new LaunchSettings(bundlesDirectory, storageDirectory, Duration.ofSeconds(30), Map.of());
    }

    /** These settings with {@code properties} as the extra framework properties. */
    public LaunchSettings withFrameworkProperties(Map<String, String> properties) {
        return new LaunchSettings(bundlesDirectory, storageDirectory, startTimeout, properties);
    }
}
