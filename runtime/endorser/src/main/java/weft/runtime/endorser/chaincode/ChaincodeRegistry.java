package weft.runtime.endorser.chaincode;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The chaincode bundles of this peer: installs a bundle jar under a label, giving its package id, and tells
 * which chaincode serves a package id. The lifecycle's {@code install} and the endorser use it; the registry is
 * the one place that knows chaincode bundles.
 *
 * <p>A chaincode bundle publishes either one {@link weft.api.chaincode.Chaincode} service or one or more
 * {@link weft.api.chaincode.contract.ContractInterface} services (run through {@link ContractChaincode}).
 * Upgrading is installing a new bundle (a new package id) and committing a definition that points to it:
 * proposals that already started finish on the old bundle's service, later ones run the new bundle; nothing
 * restarts.
 */
@ProviderType
public interface ChaincodeRegistry extends ChaincodeLookup {

    /**
     * Installs a chaincode bundle jar under {@code label} and starts it.
     *
     * @return the installed package, with its id {@code label:hex(sha256(jar))}
     * @throws ChaincodeInstallException when the label is invalid, the file is not a bundle, the package is
     *                                   already installed, or the bundle does not resolve or start (naming each
     *                                   requirement nothing satisfies); the peer is then left as it was
     */
    InstalledChaincode install(String label, Path jar) throws ChaincodeInstallException;

    /** Every installed package, by package id. */
    List<InstalledChaincode> installed();
}
