package weft.runtime.endorser.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import weft.api.chaincode.Chaincode;
import weft.runtime.endorser.chaincode.echo.EchoActivator;
import weft.runtime.endorser.chaincode.echo.EchoChaincode;
import weft.runtime.endorser.chaincode.internal.OsgiChaincodeRegistry;

/**
 * The registry against a real framework (Felix, embedded): chaincode bundles built here are installed as
 * packages, resolved or refused, and served by package id; the chaincode API reaches them from the class path
 * through the system bundle, as the peer's launcher shares its API.
 */
class OsgiChaincodeRegistryTest {

    @TempDir
    Path dir;

    private Framework framework;
    private OsgiChaincodeRegistry registry;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "weft.api.chaincode;version=1.0.0,com.google.protobuf;version=4.36.2");
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        registry = new OsgiChaincodeRegistry(context);
        // Stands in for Declarative Services, which feeds the component the same way in the peer.
        context.addServiceListener(event -> {
            ServiceReference<Chaincode> reference = (ServiceReference<Chaincode>) event.getServiceReference();
            if (event.getType() == ServiceEvent.REGISTERED) {
                registry.addChaincode(reference, context.getService(reference));
            } else if (event.getType() == ServiceEvent.UNREGISTERING) {
                registry.removeChaincode(reference, null);
            }
        }, "(objectClass=" + Chaincode.class.getName() + ")");
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void anInstalledPackageHasIdLabelColonSha256OfTheJarAndItsBundleServesIt() throws Exception {
        Path jar = chaincodeJar("echo", "1.0.0", "v1", "weft.api.chaincode;version=\"[1.0,2)\"");
        InstalledChaincode installed = registry.install("echo_1.0", jar);

        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        assertEquals("echo_1.0:" + hash, installed.packageId());
        assertEquals("test.chaincode.echo", installed.bundleSymbolicName());
        assertEquals(List.of(installed), registry.installed());
        assertEquals("v1", registry.chaincode(installed.packageId()).invoke(null).payloadString());
    }

    @Test
    void aBundleThatDoesNotResolveIsRefusedWithTheReasonAndLeavesNothingInstalled() throws Exception {
        Path jar = chaincodeJar("echo", "1.0.0", "v1", "weft.api.chaincode;version=\"[2.0,3)\"");
        ChaincodeInstallException refused = assertThrows(ChaincodeInstallException.class,
                () -> registry.install("echo_1.0", jar));

        assertTrue(refused.getMessage().contains("cannot be resolved: it imports package weft.api.chaincode [2.0.0,3.0.0),"
                + " but the peer exports weft.api.chaincode 1.0.0"), refused.getMessage());
        assertEquals(List.of(), registry.installed());
    }

    @Test
    void aPackageCannotBeInstalledTwiceNorUnderABadLabel() throws Exception {
        Path jar = chaincodeJar("echo", "1.0.0", "v1", "weft.api.chaincode");
        String packageId = registry.install("echo", jar).packageId();
        ChaincodeInstallException twice = assertThrows(ChaincodeInstallException.class, () -> registry.install("echo", jar));
        assertEquals("chaincode already successfully installed (package ID '" + packageId + "')", twice.getMessage());
        ChaincodeInstallException label = assertThrows(ChaincodeInstallException.class, () -> registry.install("-x", jar));
        assertTrue(label.getMessage().startsWith("invalid label '-x'"), label.getMessage());
    }

    @Test
    void anInvocationHoldingTheOldBundlesServiceFinishesOnItWhileLaterLookupsGetTheUpgrade() throws Exception {
        String v1 = registry.install("echo_1", chaincodeJar("echo", "1.0.0", "v1", "weft.api.chaincode")).packageId();
        Chaincode inFlight = registry.chaincode(v1); // an invocation started on version 1

        String v2 = registry.install("echo_2", chaincodeJar("echo", "2.0.0", "v2", "weft.api.chaincode")).packageId();
        framework.getBundleContext().getBundle(OsgiChaincodeRegistry.LOCATION_PREFIX + v1).uninstall();

        assertEquals("v1", inFlight.invoke(null).payloadString());
        Chaincode upgraded = registry.chaincode(v2);
        assertNotSame(inFlight, upgraded);
        assertEquals("v2", upgraded.invoke(null).payloadString());
        ChaincodeUnavailableException gone = assertThrows(ChaincodeUnavailableException.class, () -> registry.chaincode(v1));
        assertEquals("chaincode package " + v1 + " is not installed on this peer", gone.getMessage());
    }

    /** A chaincode bundle: {@link EchoActivator} publishing an {@link EchoChaincode} that answers {@code answer}. */
    private Path chaincodeJar(String name, String version, String answer, String chaincodeImport) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, "test.chaincode." + name);
        main.putValue(Constants.BUNDLE_VERSION, version);
        main.putValue(Constants.BUNDLE_ACTIVATOR, EchoActivator.class.getName());
        main.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework," + chaincodeImport + ",com.google.protobuf");
        main.putValue("Chaincode-Answer", answer);
        Path jar = dir.resolve(name + "-" + version + "-" + answer + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : List.of(EchoActivator.class, EchoChaincode.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
