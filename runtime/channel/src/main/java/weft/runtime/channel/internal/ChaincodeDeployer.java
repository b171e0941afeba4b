package weft.runtime.channel.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import com.google.protobuf.ByteString;
import org.apache.felix.fileinstall.ArtifactInstaller;
import weft.runtime.lifecycle.InstalledPackage;
import weft.runtime.lifecycle.PackageInstallException;

/**
 * Chaincode bundles dropped into the watched {@code deploy/} directory: Felix FileInstall hands them to this
 * installer instead of installing them as plain bundles, and each is installed on this node's peer as a chaincode
 * package, exactly as {@code peer lifecycle chaincode install} would (the package id is logged). Replacing the jar
 * installs the new bytes as a new package, ready for {@code approveformyorg} and {@code commit} with its id — a
 * chaincode's code changes only through a committed definition, as in Fabric. Deleting the jar leaves the
 * installed package (Fabric has no uninstall). A chaincode bundle is one that imports {@code weft.api.chaincode}.
 */
final class ChaincodeDeployer implements ArtifactInstaller {

    private static final System.Logger LOG = System.getLogger(ChaincodeDeployer.class.getName());
    private static final String CHAINCODE_API = "weft.api.chaincode";

    private final BundlePackages packages;

    ChaincodeDeployer(BundlePackages packages) {
        this.packages = packages;
    }

    @Override
    public boolean canHandle(File artifact) {
        if (!artifact.getName().endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(artifact)) {
            Manifest manifest = jar.getManifest();
            String imports = manifest == null ? null : manifest.getMainAttributes().getValue("Import-Package");
            return imports != null && importsChaincodeApi(imports);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether an Import-Package header names the chaincode API package itself (not a sub-package only). */
    static boolean importsChaincodeApi(String importPackage) {
        for (String clause : importPackage.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            if (clause.split(";", 2)[0].trim().equals(CHAINCODE_API)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void install(File artifact) {
        deploy(artifact, "installed");
    }

    @Override
    public void update(File artifact) {
        deploy(artifact, "replaced: its new bytes are installed as a new package");
    }

    private void deploy(File artifact, String what) {
        try {
            InstalledPackage installed = packages.install(ByteString.copyFrom(Files.readAllBytes(artifact.toPath())));
            LOG.log(System.Logger.Level.INFO, "deploy/{0} {1}; chaincode package ID {2} (label {3}): approve and commit "
                    + "a definition with this package ID to run it", artifact.getName(), what, installed.packageId(),
                    installed.label());
        } catch (PackageInstallException e) {
            LOG.log(System.Logger.Level.WARNING, "deploy/" + artifact.getName() + ": not installed as a chaincode "
                    + "package: " + e.getMessage());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "deploy/" + artifact.getName() + ": cannot be read: " + e.getMessage());
        }
    }

    @Override
    public void uninstall(File artifact) {
        LOG.log(System.Logger.Level.INFO, "deploy/{0} removed; the chaincode packages installed from it stay installed "
                + "(chaincode packages are not uninstalled, as in Fabric)", artifact.getName());
    }
}
