package weft.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The Apache Felix Gogo shell on the running peer's terminal ({@code weft-peer node start --shell}): its bundles
 * live in {@code <home>/shell}, apart from the peer's own, so that only a peer started with the shell has one and
 * the command-line tools never do. Leaving the shell ({@code exit}) leaves the peer running.
 */
final class GogoShell {

    /** Framework properties the shell reads when it starts: keep the framework running when the shell ends. */
    static final Map<String, String> FRAMEWORK_PROPERTIES = Map.of("gosh.args", "--noshutdown");

    private GogoShell() {
    }

    /**
     * Installs and starts every bundle in {@code directory} (Gogo's runtime, command and shell bundles).
     *
     * @return the bundles started
     */
    static List<Bundle> start(BundleContext context, Path directory) throws LaunchException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new LaunchException("--shell: cannot list the shell's bundles in " + directory + ": " + e.getMessage(), e);
        }
        if (jars.isEmpty()) {
            throw new LaunchException("--shell: no shell bundles in " + directory);
        }
        List<Bundle> bundles = new ArrayList<>();
        try {
            for (Path jar : jars) {
                bundles.add(context.installBundle(jar.toUri().toString()));
            }
            for (Bundle bundle : bundles) {
                bundle.start();
            }
        } catch (BundleException e) {
            throw new LaunchException("--shell: the Gogo shell did not start: " + e.getMessage(), e);
        }
        return bundles;
    }
}
