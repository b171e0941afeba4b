package weft.runtime.endorser.chaincode.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import weft.api.chaincode.Chaincode;
import weft.api.chaincode.contract.ContractInterface;
import weft.runtime.endorser.chaincode.ChaincodeInstallException;
import weft.runtime.endorser.chaincode.ChaincodeLookup;
import weft.runtime.endorser.chaincode.ChaincodeRegistry;
import weft.runtime.endorser.chaincode.ChaincodeUnavailableException;
import weft.runtime.endorser.chaincode.ContractChaincode;
import weft.runtime.endorser.chaincode.InstalledChaincode;
import weft.runtime.endorser.chaincode.PackageIds;
import weft.runtime.handlers.BundleDiagnostics;

/**
 * The chaincode registry in the framework: tracks every {@link Chaincode} and {@link ContractInterface}
 * service by the bundle that publishes it, and installs chaincode packages as bundles at location
 * {@value #LOCATION_PREFIX}{@code <package id>} (so the framework's cache remembers them across restarts and
 * the package id of each is known from its location).
 *
 * <p>A lookup returns the service object published at that moment; the endorser keeps it for the whole
 * invocation, so an invocation that began before a bundle was updated or replaced finishes on the old code.
 */
@Component(service = {ChaincodeRegistry.class, ChaincodeLookup.class}, immediate = true)
public final class OsgiChaincodeRegistry implements ChaincodeRegistry {

    /** Where installed chaincode packages live in the framework: this prefix and the package id. */
    public static final String LOCATION_PREFIX = "weft:chaincode:";

    private static final System.Logger LOG = System.getLogger(OsgiChaincodeRegistry.class.getName());

    /** What one bundle publishes. */
    private static final class Published {
        final Map<ServiceReference<?>, Chaincode> plain = new TreeMap<>(Comparator.naturalOrder());
        final Map<ServiceReference<?>, ContractInterface> contracts = new TreeMap<>(Comparator.naturalOrder());
        volatile Chaincode chaincode;
        volatile String problem;

        /** Recomputes the chaincode: the first plain Chaincode by ranking, else the contracts together. */
        void refresh(Bundle bundle) {
            problem = null;
            chaincode = null;
            if (!plain.isEmpty()) {
                // TreeMap of ServiceReferences orders by ranking, lowest first; take the highest.
                chaincode = ((TreeMap<ServiceReference<?>, Chaincode>) plain).lastEntry().getValue();
                if (plain.size() > 1 || !contracts.isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "bundle " + bundle.getSymbolicName() + " publishes "
                            + plain.size() + " Chaincode and " + contracts.size() + " contract services; the"
                            + " highest-ranked Chaincode serves it");
                }
            } else if (!contracts.isEmpty()) {
                try {
                    chaincode = ContractChaincode.of(new ArrayList<>(contracts.values()));
                } catch (IllegalArgumentException e) {
                    problem = "its contracts cannot be run: " + e.getMessage();
                }
            }
        }

        boolean isEmpty() {
            return plain.isEmpty() && contracts.isEmpty();
        }
    }

    private final BundleContext context;
    private final Map<Long, Published> published = new ConcurrentHashMap<>();

    @Activate
    public OsgiChaincodeRegistry(BundleContext context) {
        this.context = context;
    }

    @Reference(service = Chaincode.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addChaincode(ServiceReference<Chaincode> reference, Chaincode chaincode) {
        update(reference, p -> p.plain.put(reference, chaincode));
    }

    public void removeChaincode(ServiceReference<Chaincode> reference, Chaincode chaincode) {
        update(reference, p -> p.plain.remove(reference));
    }

    @Reference(service = ContractInterface.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    public void addContract(ServiceReference<ContractInterface> reference, ContractInterface contract) {
        update(reference, p -> p.contracts.put(reference, contract));
    }

    public void removeContract(ServiceReference<ContractInterface> reference, ContractInterface contract) {
        update(reference, p -> p.contracts.remove(reference));
    }

    private void update(ServiceReference<?> reference, java.util.function.Consumer<Published> change) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return; // already unregistered
        }
        synchronized (published) {
            Published p = published.computeIfAbsent(bundle.getBundleId(), id -> new Published());
            change.accept(p);
            if (p.isEmpty()) {
                published.remove(bundle.getBundleId());
            } else {
                p.refresh(bundle);
            }
        }
    }

    @Override
    public Chaincode chaincode(String packageId) throws ChaincodeUnavailableException {
        Bundle bundle = context.getBundle(LOCATION_PREFIX + packageId);
        if (bundle == null) {
            throw new ChaincodeUnavailableException("chaincode package " + packageId + " is not installed on this peer");
        }
        Published p = published.get(bundle.getBundleId());
        Chaincode chaincode = p == null ? null : p.chaincode;
        if (chaincode != null) {
            return chaincode;
        }
        String name = "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " of package " + packageId;
        if (p != null && p.problem != null) {
            throw new ChaincodeUnavailableException(name + " cannot serve: " + p.problem);
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            throw new ChaincodeUnavailableException(name + " is not active (state " + stateName(bundle.getState()) + ")");
        }
        throw new ChaincodeUnavailableException(name + " publishes no " + Chaincode.class.getName() + " or "
                + ContractInterface.class.getName() + " service");
    }

    @Override
    public InstalledChaincode install(String label, Path jar) throws ChaincodeInstallException {
        PackageIds.checkLabel(label);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new ChaincodeInstallException("cannot read chaincode package " + jar + ": " + e.getMessage(), e);
        }
        String symbolicName;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes))) {
            Manifest manifest = in.getManifest();
            symbolicName = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        } catch (IOException e) {
            throw new ChaincodeInstallException("chaincode package " + jar + " is not a jar file: " + e.getMessage(), e);
        }
        if (symbolicName == null) {
            throw new ChaincodeInstallException("chaincode package " + jar + " is not an OSGi bundle: its manifest has"
                    + " no Bundle-SymbolicName");
        }
        String packageId = PackageIds.of(label, bytes);
        String location = LOCATION_PREFIX + packageId;
        if (context.getBundle(location) != null) {
            throw new ChaincodeInstallException("chaincode already successfully installed (package ID '" + packageId + "')");
        }
        Bundle bundle;
        try {
            bundle = context.installBundle(location, new ByteArrayInputStream(bytes));
        } catch (BundleException e) {
            throw new ChaincodeInstallException("chaincode package " + jar + " cannot be installed: " + e.getMessage(), e);
        }
        String name = "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " (package " + packageId + ")";
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            uninstall(bundle);
            throw new ChaincodeInstallException(name + " is a fragment; a chaincode must be a bundle that publishes"
                    + " a Chaincode or ContractInterface service");
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            List<String> unsatisfied = bundle.getState() == Bundle.INSTALLED
                    ? BundleDiagnostics.unsatisfiedRequirements(context, bundle) : List.of();
            uninstall(bundle);
            if (!unsatisfied.isEmpty()) {
                throw new ChaincodeInstallException(name + " cannot be resolved: " + String.join("; ", unsatisfied), e);
            }
            throw new ChaincodeInstallException(name + " failed to start: " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "installed chaincode {0}", name);
        return installed(bundle).orElseThrow();
    }

    @Override
    public List<InstalledChaincode> installed() {
        List<InstalledChaincode> all = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            installed(bundle).ifPresent(all::add);
        }
        all.sort(Comparator.comparing(InstalledChaincode::packageId));
        return all;
    }

    private static java.util.Optional<InstalledChaincode> installed(Bundle bundle) {
        String location = bundle.getLocation();
        if (!location.startsWith(LOCATION_PREFIX)) {
            return java.util.Optional.empty();
        }
        String packageId = location.substring(LOCATION_PREFIX.length());
        return java.util.Optional.of(new InstalledChaincode(packageId, PackageIds.label(packageId),
                String.valueOf(bundle.getSymbolicName()), bundle.getVersion().toString()));
    }

    private static void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "could not uninstall refused chaincode bundle "
                    + bundle.getSymbolicName() + ": " + e.getMessage());
        }
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> String.valueOf(state);
        };
    }
}
