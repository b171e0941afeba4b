package weft.runtime.handlers.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Installs the bundle jar that a handler names as its {@code library}, or refuses it with a reason: the file
 * is missing, is not a jar, is not a bundle, does not resolve (naming each unsatisfied requirement) or does
 * not start. A refused bundle is uninstalled again, so a failed library leaves the framework as it was.
 */
final class LibraryInstaller {

    /** What became of a library. */
    sealed interface Outcome permits Installed, Refused {
    }

    /** The library's bundle is installed and active. */
    record Installed(Bundle bundle) implements Outcome {
    }

    /** The library could not be used; {@code problem} says why, naming the file and, if known, the bundle. */
    record Refused(String problem) implements Outcome {
    }

    private final BundleContext context;
    private final ResolutionDiagnosis diagnosis;

    LibraryInstaller(BundleContext context) {
        this.context = context;
        this.diagnosis = new ResolutionDiagnosis(context);
    }

    Outcome install(Path library) {
        if (!Files.exists(library)) {
            return new Refused("library " + library + " does not exist");
        }
        if (!Files.isRegularFile(library) || !Files.isReadable(library)) {
            return new Refused("library " + library + " is not a readable file");
        }
        String symbolicName;
        try (JarFile jar = new JarFile(library.toFile())) {
            Manifest manifest = jar.getManifest();
            symbolicName = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        } catch (IOException e) {
            return new Refused("library " + library + " is not a jar file (" + e.getMessage() + ")");
        }
        if (symbolicName == null) {
            return new Refused("library " + library + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
        }

        String location = library.toUri().toString();
        Bundle bundle = context.getBundle(location);
        if (bundle == null) {
            try {
                bundle = context.installBundle(location);
            } catch (BundleException e) {
                return new Refused("library " + library + " cannot be installed: " + e.getMessage());
            }
        }
        String name = describe(bundle, library);
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            uninstall(bundle);
            return new Refused(name + " is a fragment; a handler library must be a bundle that registers a plugin factory");
        }
        try {
            bundle.start();
            return new Installed(bundle);
        } catch (BundleException e) {
            List<String> unsatisfied = bundle.getState() == Bundle.INSTALLED
                    ? diagnosis.unsatisfiedRequirements(bundle) : List.of();
            uninstall(bundle);
            if (!unsatisfied.isEmpty()) {
                return new Refused(name + " cannot be resolved: " + String.join("; ", unsatisfied));
            }
            return new Refused(name + " failed to start: " + e.getMessage());
        }
    }

    private static String describe(Bundle bundle, Path library) {
        return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " (library " + library + ")";
    }

    private static void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            System.getLogger(LibraryInstaller.class.getName()).log(System.Logger.Level.WARNING,
                    "could not uninstall refused bundle " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
    }
}
