package weft.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.util.tracker.ServiceTracker;
import weft.launcher.spi.PeerControl;

/**
 * An embedded Apache Felix holding the peer: installs and starts every bundle of the distribution, then hands
 * out the peer bundle's {@link PeerControl}. Close it to stop the framework; Felix's event thread is not a
 * daemon, so an unclosed framework keeps the JVM alive.
 */
public final class PeerFramework implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PeerFramework.class.getName());

    private final Framework framework;
    private final LaunchSettings settings;
    // Open until the framework stops: releasing a service would let SCR dispose a delayed component.
    private final List<ServiceTracker<?, ?>> trackers = new CopyOnWriteArrayList<>();

    private PeerFramework(Framework framework, LaunchSettings settings) {
        this.framework = framework;
        this.settings = settings;
    }

    /** Starts the framework and every bundle in the settings' bundle directory. */
    public static PeerFramework boot(LaunchSettings settings) throws LaunchException {
        List<Path> jars = bundleJars(settings.bundlesDirectory());
        Framework framework = newFramework(settings);
        try {
            framework.start();
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : jars) {
                installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
            }
            List<String> failures = new ArrayList<>();
            for (Bundle bundle : installed) {
                if (isFragment(bundle)) {
                    continue;
                }
                try {
                    bundle.start();
                } catch (BundleException e) {
                    failures.add(bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + e.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new LaunchException("the peer's own bundles in " + settings.bundlesDirectory()
                        + " did not start (the distribution is incomplete or inconsistent):\n  "
                        + String.join("\n  ", failures));
            }
            return new PeerFramework(framework, settings);
        } catch (BundleException e) {
            stopQuietly(framework);
            throw new LaunchException("cannot start the OSGi framework: " + e.getMessage(), e);
        } catch (LaunchException | RuntimeException e) {
            stopQuietly(framework);
            throw e;
        }
    }

    /** The peer bundle's control service, waiting for it up to the settings' start timeout. */
    public PeerControl control() throws LaunchException {
        return service(PeerControl.class, "the peer bundle (weft.runtime.peer)");
    }

    /**
     * A launch-SPI service registered by one of the peer's bundles, waiting for it up to the start timeout.
     *
     * @param provider names the bundle expected to provide it, for the error message
     */
    public <T> T service(Class<T> type, String provider) throws LaunchException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(framework.getBundleContext(), type, null);
        tracker.open();
        trackers.add(tracker);
        try {
            T service = tracker.waitForService(settings.startTimeout().toMillis());
            if (service == null) {
                throw new LaunchException(provider + " did not provide " + type.getSimpleName() + " within "
                        + settings.startTimeout().toSeconds() + " s; is it in " + settings.bundlesDirectory() + "?");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for " + type.getSimpleName(), e);
        }
    }

    /** The framework itself, for operations such as installing or inspecting bundles. */
    public Framework framework() {
        return framework;
    }

    /** Blocks until the framework stops (on {@link #close} from a shutdown hook, or a framework shutdown). */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
        stopQuietly(framework);
    }

    /** The installation's {@code deploy/} directory: the one next to its {@code bundles/}. */
    public static Path deployDirectory(LaunchSettings settings) {
        return settings.bundlesDirectory().toAbsolutePath().normalize().resolveSibling("deploy");
    }

    /**
     * Apache Felix FileInstall's settings (the bundle ships in {@code bundles/}): it watches the installation's
     * {@code deploy/} directory every 200 ms, installs and starts a jar dropped there, updates the bundle when the
     * jar is replaced and uninstalls it when the jar is deleted. Every framework of the installation watches it,
     * so the command-line tools see the same plugins as the running peer.
     */
    private static Map<String, String> hotDeploy(LaunchSettings settings) {
        return Map.of(
                "felix.fileinstall.dir", deployDirectory(settings).toString(),
                "felix.fileinstall.poll", "200",
                "felix.fileinstall.noInitialDelay", "true",
                "felix.fileinstall.filter", ".*\\.jar",
                "felix.fileinstall.bundles.new.start", "true",
                "felix.fileinstall.log.level", "2");
    }

    private static Framework newFramework(LaunchSettings settings) {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, settings.storageDirectory().toAbsolutePath().toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // The launch SPI is the only launcher package bundles see; plugins get Weft's API from weft.api.
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                PeerControl.class.getPackageName() + ";version=" + PeerControl.SPI_VERSION);
        properties.put("felix.log.level", "1");
        properties.putAll(hotDeploy(settings));
        properties.putAll(settings.frameworkProperties());
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, PeerFramework.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the launcher's class path"));
        return factory.newFramework(properties);
    }

    private static List<Path> bundleJars(Path directory) throws LaunchException {
        if (!Files.isDirectory(directory)) {
            throw new LaunchException("bundle directory " + directory + " does not exist");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new LaunchException("bundle directory " + directory + " holds no bundles");
            }
            return jars;
        } catch (IOException e) {
            throw new LaunchException("cannot list bundle directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(30));
        } catch (BundleException e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the framework failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
