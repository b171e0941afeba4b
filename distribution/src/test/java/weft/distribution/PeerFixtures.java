package weft.distribution;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The distribution under test, and the plugin jars and configurations the tests hand to it. */
public final class PeerFixtures {

    /** The third-party plugin's bundle name and the package its classes come from. */
    public static final String ACME_BUNDLE = "acme.custom.escc";
    public static final String ACME_PACKAGE = "weft.fixtures.acme";

    private PeerFixtures() {
    }

    /** The peer directory assembled by this module's package phase. */
    public static Path distribution() {
        Path dir = Path.of(System.getProperty("weft.distribution", "target/weft-peer")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("bundles"))) {
            throw new IllegalStateException("no assembled peer at " + dir + "; run the package phase first");
        }
        return dir;
    }

    public static Path bundles() {
        return distribution().resolve("bundles");
    }

    /**
     * The shipped core.yaml's development network reduced to Org1, for tests of single-organisation flows (block
     * numbers, one approval) that the two-organisation network would change; TwoOrganizationNetworkIT covers that.
     */
    public static String oneOrganization(String yaml) {
        if (!yaml.contains("    organizations: 2\n")) {
            throw new AssertionError("the shipped core.yaml no longer has 'organizations: 2'");
        }
        return yaml.replace("    organizations: 2\n", "    organizations: 1\n");
    }

    public static Path writeConfig(Path dir, String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "core", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /**
     * Builds the fixture plugin package into a real bundle with bnd, as an integrator's build would.
     *
     * @param extraHeaders bnd instructions that override the defaults, e.g. an {@code Import-Package} range
     */
    public static Path pluginBundle(Path out, String symbolicName, String version, Map<String, String> extraHeaders)
            throws Exception {
        return pluginBundle(out, symbolicName, version, ACME_PACKAGE, extraHeaders);
    }

    /** As {@link #pluginBundle(Path, String, String, Map)}, from the fixture package {@code javaPackage}. */
    public static Path pluginBundle(Path out, String symbolicName, String version, String javaPackage,
                                    Map<String, String> extraHeaders) throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", symbolicName);
            builder.setProperty("Bundle-Version", version);
            builder.setProperty("Private-Package", javaPackage);
            extraHeaders.forEach(builder::setProperty);
            for (String entry : testClassPath()) {
                File file = new File(entry);
                if (file.exists()) {
                    builder.addClasspath(file);
                }
            }
            Jar jar = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd could not build " + symbolicName + ": " + builder.getErrors());
            }
            jar.write(out.toFile());
        }
        return out;
    }

    /** A valid jar whose manifest has no OSGi headers: a plain library, not a bundle. */
    public static Path plainJar(Path out) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.closeEntry();
        }
        return out;
    }

    private static String[] testClassPath() {
        // Surefire and Failsafe may hide the real class path behind a manifest-only jar.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return classPath.split(File.pathSeparator);
    }
}
