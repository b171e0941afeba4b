package weft.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.endorsement.EndorsementPluginFactory;
import weft.api.plugin.Dependency;
import weft.api.plugin.HandlerProperties;
import weft.api.endorsement.EndorsementResult;
import weft.api.endorsement.SigningIdentity;
import weft.api.endorsement.SigningIdentityFetcher;
import weft.launcher.spi.HandlerStatus;
import weft.launcher.spi.PeerControl;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.HandlerUnavailableException;
import weft.runtime.metrics.PeerMetrics;

/**
 * In-container test (pax-exam, Felix): the distribution's bundles plus a third-party plugin bundle built by the
 * test; handlers are resolved by name through the peer's registry and used.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HandlerRegistryPaxExamIT {

    private static final String CONFIG = "weft.test.config";

    @Inject
    private BundleContext context;

    @Inject
    private PeerControl control;

    @Configuration
    public Option[] config() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "paxexam-");
        Path custom = PeerFixtures.pluginBundle(work.resolve("custom-escc.jar"), PeerFixtures.ACME_BUNDLE, "1.0.0",
                Map.of());
        Path future = PeerFixtures.pluginBundle(work.resolve("future-escc.jar"), "acme.future.escc", "2.0.0",
                Map.of("Import-Package", "weft.api.endorsement;version=\"[2.0,3)\",*"));
        Path config = PeerFixtures.writeConfig(work, """
                peer:
                  handlers:
                    endorsers:
                      escc:   { name: DefaultEndorsement }
                      custom: { name: customEndorsement, library: %s }
                      future: { name: customEndorsement, library: %s }
                """.formatted(custom, future));
        return options(
                // offline: pax-exam's own runtime comes from the local repository (prefetched by the pom)
                systemProperty("org.ops4j.pax.url.mvn.repositories").value(""),
                systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"),
                systemProperty(CONFIG).value(config.toString()),
                frameworkProperty("org.osgi.framework.storage").value(work.resolve("felix").toString()),
                // FileInstall ships with the peer; without a directory it would watch ./load
                frameworkProperty("felix.fileinstall.dir").value(work.resolve("deploy").toString()),
                frameworkProperty("weft.handlers.settle.millis").value("500"),
                // what the launcher's system bundle exports
                systemPackage("weft.launcher.spi;version=" + PeerControl.SPI_VERSION),
                distributionBundles(),
                junitBundles(),
                cleanCaches());
    }

    private static Option distributionBundles() throws IOException {
        try (Stream<Path> jars = Files.list(PeerFixtures.bundles())) {
            return composite(jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .map(p -> bundle(p.toUri().toString()).start()).toArray(Option[]::new));
        }
    }

    @Test
    public void resolvesHandlersByNameFromShippedAndLibraryBundles() throws Exception {
        List<HandlerStatus> statuses = start();

        assertActive(statuses, "escc", "weft.plugins.escc");
        assertActive(statuses, "custom", PeerFixtures.ACME_BUNDLE);

        HandlerRegistry registry = registry();
        SigningIdentityFetcher signer = new TestSigner();
        EndorsementPlugin escc = registry.endorsementPlugin("escc", "mychannel", signer);
        EndorsementPlugin custom = registry.endorsementPlugin("custom", "mychannel", signer);
        assertEquals("weft.plugins.escc", FrameworkUtil.getBundle(escc.getClass()).getSymbolicName());
        assertEquals(PeerFixtures.ACME_BUNDLE, FrameworkUtil.getBundle(custom.getClass()).getSymbolicName());

        ByteString payload = ByteString.copyFromUtf8("proposal response payload");
        EndorsementResult result = escc.endorse(payload, SignedProposal.getDefaultInstance());
        assertEquals(payload, result.proposalResponsePayload());
        assertTrue("DefaultEndorsement signs payload || endorser",
                ((TestSigner) signer).verifies(payload.concat(result.endorsement().getEndorser()),
                        result.endorsement().getSignature()));
    }

    @Test
    public void createsOnePluginInstancePerChannel() throws Exception {
        start();
        HandlerRegistry registry = registry();
        SigningIdentityFetcher signer = new TestSigner();

        EndorsementPlugin first = registry.endorsementPlugin("escc", "mychannel", signer);
        assertSame(first, registry.endorsementPlugin("escc", "mychannel", signer));
        assertNotSame(first, registry.endorsementPlugin("escc", "otherchannel", signer));
    }

    @Test
    public void anotherFactoryTakingOverAHandlerIsRecordedAsAPluginSwap() throws Exception {
        start();
        List<String> swaps = new CopyOnWriteArrayList<>();
        // Outranks the operations bundle's metrics, so the registry records to this one.
        context.registerService(PeerMetrics.class, new PeerMetrics() {
            @Override
            public void pluginSwapped(String kind, String plugin, String channel) {
                swaps.add(kind + " " + plugin + " " + channel);
            }
        }, new Hashtable<>(Map.of(Constants.SERVICE_RANKING, Integer.MAX_VALUE)));
        context.registerService(EndorsementPluginFactory.class, () -> new EndorsementPlugin() {
            @Override
            public void init(Dependency... dependencies) {
            }

            @Override
            public EndorsementResult endorse(ByteString payload, SignedProposal proposal) {
                throw new UnsupportedOperationException("not called");
            }
        }, new Hashtable<>(Map.of(HandlerProperties.NAME, "DefaultEndorsement")));
        HandlerRegistry registry = registry();
        EndorsementPlugin before = registry.endorsementPlugin("escc", "mychannel", new TestSigner());
        assertEquals("weft.plugins.escc", FrameworkUtil.getBundle(before.getClass()).getSymbolicName());
        assertEquals("creating the first instance is no swap", List.of(), swaps);

        Bundle escc = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("weft.plugins.escc")).findFirst().orElseThrow();
        escc.stop();
        EndorsementPlugin after = registry.endorsementPlugin("escc", "mychannel", new TestSigner());

        assertNotSame(before, after);
        assertEquals(List.of("endorser escc mychannel"), swaps);
    }

    @Test
    public void pluginWhoseInitFailsIsNotKeptAndIsRetried() throws Exception {
        start();
        HandlerRegistry registry = registry();

        try {
            registry.endorsementPlugin("escc", "mychannel");
            fail("DefaultEndorsement cannot init without a SigningIdentityFetcher");
        } catch (HandlerUnavailableException e) {
            assertEquals("endorsement plugin 'escc' (DefaultEndorsement) for channel 'mychannel': init failed: "
                    + "the peer passed no SigningIdentityFetcher to init", e.getMessage());
        }
        registry.endorsementPlugin("escc", "mychannel", new TestSigner());
    }

    @Test
    public void refusesABundleBuiltAgainstAnIncompatibleApiWithTheUnsatisfiedRequirement() throws Exception {
        List<HandlerStatus> statuses = start();

        HandlerStatus future = statuses.stream().filter(s -> s.pluginName().equals("future")).findFirst()
                .orElseThrow();
        assertEquals(HandlerStatus.State.FAILED, future.state());
        assertTrue(future.problem(), future.problem().startsWith(
                "handler endorsers.future (name customEndorsement): bundle acme.future.escc 2.0.0 (library "));
        assertTrue(future.problem(), future.problem().endsWith(") cannot be resolved: it imports package "
                + "weft.api.endorsement [2.0.0,3.0.0), but the peer exports weft.api.endorsement 1.0.0"));
        try {
            registry().endorsementPlugin("future", "mychannel", new TestSigner());
            fail("a refused handler serves nothing");
        } catch (HandlerUnavailableException e) {
            assertEquals(future.problem(), e.getMessage());
        }
    }

    @Test
    public void unknownPluginNameIsAClearError() throws Exception {
        start();
        try {
            registry().endorsementPlugin("nope", "mychannel", new TestSigner());
            fail();
        } catch (HandlerUnavailableException e) {
            assertEquals("no endorsement plugin named 'nope' in core.yaml handlers.endorsers "
                    + "(configured: [escc, custom, future])", e.getMessage());
        }
    }

    private List<HandlerStatus> start() throws Exception {
        return control.start(Path.of(System.getProperty(CONFIG)));
    }

    private HandlerRegistry registry() {
        return context.getService(context.getServiceReference(HandlerRegistry.class));
    }

    private static void assertActive(List<HandlerStatus> statuses, String pluginName, String bundle) {
        HandlerStatus status = statuses.stream().filter(s -> s.pluginName().equals(pluginName)).findFirst()
                .orElseThrow();
        assertEquals(status.problem(), HandlerStatus.State.ACTIVE, status.state());
        assertEquals(bundle, status.bundle());
    }

    /** A signing identity on a fresh P-256 key; stands in for the MSP until the identities issue. */
    private static final class TestSigner implements SigningIdentityFetcher, SigningIdentity {
        private final KeyPair keys;

        TestSigner() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        }

        @Override
        public SigningIdentity signingIdentityForRequest(SignedProposal proposal) {
            return this;
        }

        @Override
        public ByteString serialize() {
            return SerializedIdentity.newBuilder().setMspid("Org1MSP")
                    .setIdBytes(ByteString.copyFrom(keys.getPublic().getEncoded())).build().toByteString();
        }

        @Override
        public ByteString sign(ByteString message) throws EndorsementException {
            try {
                Signature signature = Signature.getInstance("SHA256withECDSA");
                signature.initSign(keys.getPrivate());
                signature.update(message.toByteArray());
                return ByteString.copyFrom(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new EndorsementException("test signing failed", e);
            }
        }

        boolean verifies(ByteString message, ByteString signature) throws GeneralSecurityException {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(keys.getPublic());
            verifier.update(message.toByteArray());
            return verifier.verify(signature.toByteArray());
        }
    }
}
