package weft.chaincode.bundles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The sample chaincodes are real bundles: in Felix, with nothing but the API, Fabric's protos, protobuf, Gson and
 * SCR beside them, they resolve, wire only to those, and publish their chaincode as DS services.
 */
class ChaincodeBundlesResolveTest {

    private static final List<String> SAMPLES = List.of("weft.chaincode.basic", "weft.chaincode.utxo", "weft.chaincode.keylevel");
    private static final List<String> ALLOWED_PROVIDERS = List.of("weft.api", "weft.fabric.protos", "com.google.protobuf",
            "com.google.gson", "org.apache.felix.framework");

    private static Framework framework;
    private static final Map<String, Bundle> BUNDLES = new HashMap<>();

    @BeforeAll
    static void boot() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("weft.felix.cache"));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String jar : System.getProperty("weft.bundles").split(",")) {
            installed.add(context.installBundle(Path.of(jar).toUri().toString()));
        }
        for (Bundle bundle : installed) {
            bundle.start(); // throws with Felix's unresolved requirement if a bundle does not resolve
            BUNDLES.put(bundle.getSymbolicName(), bundle);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void everyBundleIsActive() {
        Map<String, String> states = new TreeMap<>();
        BUNDLES.forEach((name, bundle) -> states.put(name, bundle.getState() == Bundle.ACTIVE ? "ACTIVE" : "state " + bundle.getState()));
        assertTrue(states.values().stream().allMatch("ACTIVE"::equals), states.toString());
        assertEquals(12, states.size(), states.toString());
    }

    @Test
    void samplesImportOnlyTheApiProtosProtobufAndGson() {
        for (String sample : SAMPLES) {
            BundleWiring wiring = BUNDLES.get(sample).adapt(BundleWiring.class);
            for (BundleWire wire : wiring.getRequiredWires("osgi.wiring.package")) {
                String provider = wire.getProvider().getBundle().getSymbolicName();
                assertTrue(ALLOWED_PROVIDERS.contains(provider), sample + " imports " + wire.getCapability().getAttributes()
                        + " from " + provider);
            }
        }
    }

    @Test
    void contractsArePublishedAsContractInterfaceServices() throws Exception {
        Map<String, String> byBundle = activate("weft.api.chaincode.contract.ContractInterface");
        assertEquals("weft.chaincode.basic.AssetTransfer", byBundle.get("weft.chaincode.basic"));
        assertEquals("weft.chaincode.utxo.TokenContract", byBundle.get("weft.chaincode.utxo"));
    }

    @Test
    void theKeyLevelEndorsementChaincodeIsPublishedAsAChaincodeService() throws Exception {
        assertEquals("weft.chaincode.keylevel.KeyLevelEndorsement",
                activate("weft.api.chaincode.Chaincode").get("weft.chaincode.keylevel"));
    }

    @Test
    void theTokenContractsMinterMspIsAComponentProperty() throws Exception {
        ServiceReference<?> token = references("weft.api.chaincode.contract.ContractInterface",
                "(component.name=weft.chaincode.utxo.TokenContract)")[0];
        assertEquals("Org1MSP", token.getProperty("minterMspId"));
    }

    /** Gets every service of the type (DS creates delayed components only then) and names each's class by bundle. */
    private static Map<String, String> activate(String type) throws Exception {
        BundleContext context = framework.getBundleContext();
        Map<String, String> byBundle = new TreeMap<>();
        for (ServiceReference<?> reference : references(type, null)) {
            Object service = context.getService(reference);
            assertNotNull(service, "component of " + reference.getBundle().getSymbolicName() + " did not activate");
            byBundle.put(reference.getBundle().getSymbolicName(), service.getClass().getName());
            context.ungetService(reference);
        }
        return byBundle;
    }

    /**
     * SCR registers components from its own thread, shortly after the bundles start: wait up to 10 s. "All"
     * references, because the test's own class path also holds the API, so the system bundle's view of the service
     * types is not the bundles' one.
     */
    private static ServiceReference<?>[] references(String type, String filter) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        ServiceReference<?>[] references = framework.getBundleContext().getAllServiceReferences(type, filter);
        while ((references == null || references.length < expected(type, filter)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            references = framework.getBundleContext().getAllServiceReferences(type, filter);
        }
        assertNotNull(references, "no " + type + " service");
        return references;
    }

    private static int expected(String type, String filter) {
        return filter == null && type.endsWith("ContractInterface") ? 2 : 1;
    }
}
