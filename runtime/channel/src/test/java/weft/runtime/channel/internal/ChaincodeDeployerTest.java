package weft.runtime.channel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.chaincode.Chaincode;
import weft.runtime.endorser.chaincode.ChaincodeInstallException;
import weft.runtime.endorser.chaincode.ChaincodeRegistry;
import weft.runtime.endorser.chaincode.ChaincodeUnavailableException;
import weft.runtime.endorser.chaincode.InstalledChaincode;
import weft.runtime.endorser.chaincode.PackageIds;
import weft.runtime.lifecycle.InstalledPackage;

/**
 * Chaincode jars dropped into deploy/ are installed as chaincode packages of the peer (what {@code lifecycle
 * chaincode install} does); plugin bundles and other jars are left to FileInstall.
 */
class ChaincodeDeployerTest {

    @TempDir
    Path dir;

    /** The OSGi chaincode registry at the edge: records what the packages ask it to install. */
    private final List<String> started = new ArrayList<>();
    private final ChaincodeRegistry registry = new ChaincodeRegistry() {
        private final List<InstalledChaincode> installed = new ArrayList<>();

        @Override
        public InstalledChaincode install(String label, Path jar) throws ChaincodeInstallException {
            try {
                InstalledChaincode chaincode = new InstalledChaincode(PackageIds.of(label, Files.readAllBytes(jar)),
                        label, "acme.cc", "1.0.0");
                installed.add(chaincode);
                started.add(chaincode.packageId());
                return chaincode;
            } catch (java.io.IOException e) {
                throw new ChaincodeInstallException(e.getMessage(), e);
            }
        }

        @Override
        public List<InstalledChaincode> installed() {
            return List.copyOf(installed);
        }

        @Override
        public Chaincode chaincode(String packageId) throws ChaincodeUnavailableException {
            throw new ChaincodeUnavailableException("not needed here");
        }
    };

    @Test
    void aChaincodeJarIsInstalledAsAPackageAndItsReplacementAsANewOne() throws Exception {
        BundlePackages packages = new BundlePackages(registry, dir.resolve("chaincodes"));
        ChaincodeDeployer deployer = new ChaincodeDeployer(packages);
        Path jar = jar("asset.jar", "weft.api.chaincode;version=\"[1.0,2)\",weft.api.chaincode.contract", "1");

        assertTrue(deployer.canHandle(jar.toFile()));
        deployer.install(jar.toFile());
        assertEquals(1, packages.list().size());
        String first = packages.list().get(0).packageId();

        jar("asset.jar", "weft.api.chaincode", "2");
        deployer.update(jar.toFile());
        assertEquals(2, packages.list().size(), "the new bytes are a new package; the old one stays installed");
        assertTrue(packages.list().stream().map(InstalledPackage::packageId).anyMatch(first::equals));

        deployer.install(jar.toFile()); // the same bytes again: already installed, logged, nothing changes
        deployer.uninstall(jar.toFile());
        assertEquals(2, packages.list().size(), "packages are not uninstalled, as in Fabric");
        assertEquals(2, started.size());
    }

    @Test
    void pluginBundlesAndOtherFilesAreLeftToFileInstall() throws Exception {
        ChaincodeDeployer deployer = new ChaincodeDeployer(new BundlePackages(registry, dir.resolve("chaincodes")));

        assertFalse(deployer.canHandle(jar("vscc.jar", "weft.api.validation;version=\"[1.2,2)\",weft.api.plugin",
                "1").toFile()));
        assertFalse(deployer.canHandle(jar("contract-only.jar", "weft.api.chaincode.contract", "1").toFile()),
                "a sub-package alone is not the chaincode API");
        assertFalse(deployer.canHandle(Files.writeString(dir.resolve("notes.txt"), "x").toFile()));
        assertFalse(deployer.canHandle(Files.writeString(dir.resolve("broken.jar"), "not a jar").toFile()));
    }

    private Path jar(String name, String imports, String content) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "acme.cc");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Import-Package", imports);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("acme/Code.class"));
            jar.write(content.getBytes());
        }
        return file;
    }
}
