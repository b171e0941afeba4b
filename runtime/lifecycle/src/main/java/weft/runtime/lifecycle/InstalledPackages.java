package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;

/**
 * The peer's chaincode packages, as the lifecycle's install and query-installed functions see them. Installing is
 * the peer's chaincode registry's job (it checks and stores the package and makes the chaincode runnable); the
 * lifecycle only passes the client's bytes through and reports the result in Fabric's messages.
 */
public interface InstalledPackages {

    /**
     * Installs a package.
     *
     * @return the installed package, with the id clients approve with
     * @throws PackageInstallException naming why the package was refused (it does not parse, it is already
     *                                 installed, its bundle does not resolve)
     */
    InstalledPackage install(ByteString chaincodeInstallPackage) throws PackageInstallException;

    /** The installed package with id {@code packageId}, if any. */
    Optional<InstalledPackage> find(String packageId);

    /** Every installed package. */
    List<InstalledPackage> list();

    /** The bytes of the installed package {@code packageId} as they were installed, if any. */
    Optional<ByteString> packageBytes(String packageId);
}
