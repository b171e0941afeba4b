package weft.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import weft.api.validation.InvalidTransactionException;
import weft.api.validation.ValidationPlugin;
import weft.launcher.spi.HandlerStatus;
import weft.launcher.spi.PeerControl;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.handlers.ServedPlugin;
import weft.runtime.handlers.SwapStatus;
import weft.runtime.handlers.ValidationSnapshot;

/**
 * In-container test (pax-exam, Felix) of swapping a validation plugin while the peer runs: real plugin bundles
 * built by bnd (the {@code weft.fixtures.swap} package), updated in place the way a watched deploy directory
 * does it (the jar at the bundle's location is replaced, then the bundle updated). The committer validates each
 * block with one {@link ValidationSnapshot}; these tests hold snapshots the way it does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HandlerSwapPaxExamIT {

    private static final String CONFIG = "weft.test.config";
    private static final String JARS = "weft.test.swap.jars";
    private static final String CHANNEL = "mychannel";
    private static final String BUNDLE = "acme.fixture.vscc";

    @Inject
    private BundleContext context;

    @Inject
    private PeerControl control;

    @Configuration
    public Option[] config() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "paxexam-swap-");
        String fixture = "weft.fixtures.swap";
        PeerFixtures.pluginBundle(work.resolve("v1-accepts.jar"), BUNDLE, "1.0.0", fixture, Map.of());
        PeerFixtures.pluginBundle(work.resolve("v2-rejects.jar"), BUNDLE, "2.0.0", fixture,
                Map.of("Fixture-Verdict", "invalid"));
        PeerFixtures.pluginBundle(work.resolve("v3-init-fails.jar"), BUNDLE, "3.0.0", fixture,
                Map.of("Fixture-Init", "fail"));
        PeerFixtures.pluginBundle(work.resolve("v4-unresolvable.jar"), BUNDLE, "4.0.0", fixture,
                Map.of("Import-Package", "weft.api.validation;version=\"[2.0,3)\",*"));
        Path config = PeerFixtures.writeConfig(work, """
                peer:
                  handlers:
                    validators:
                      fixture: { name: FixtureValidation }
                """);
        return options(
                systemProperty("org.ops4j.pax.url.mvn.repositories").value(""),
                systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"),
                systemProperty(CONFIG).value(config.toString()),
                systemProperty(JARS).value(work.toString()),
                frameworkProperty("org.osgi.framework.storage").value(work.resolve("felix").toString()),
                // FileInstall ships with the peer; without a directory it would watch ./load
                frameworkProperty("felix.fileinstall.dir").value(work.resolve("deploy").toString()),
                frameworkProperty("weft.handlers.settle.millis").value("100"),
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
    public void aBlockStartedOnTheOldPluginFinishesOnItWhileItsBundleIsUpdatedAndTheNextBlockGetsTheNewOne()
            throws Exception {
        Bundle fixture = deploy("v1-accepts.jar");
        HandlerRegistry registry = startPeer();
        CountDownLatch entered = gate("entered");
        CountDownLatch release = gate("release");

        ValidationSnapshot block2 = registry.validationSnapshot(CHANNEL);
        ServedPlugin<ValidationPlugin> old = block2.validationPlugin("fixture");
        assertEquals(new PluginIdentity("FixtureValidation", BUNDLE, "1.0.0", sha256("v1-accepts.jar")),
                old.identity().orElseThrow());
        CompletableFuture<String> midBlock = CompletableFuture.supplyAsync(() -> verdict(old.plugin(), "hold"));
        assertTrue("the plugin is validating", entered.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> update = CompletableFuture.runAsync(() -> replace(fixture, "v2-rejects.jar"));
        Thread.sleep(500);
        assertFalse("the update waits for the block that holds the old plugin", update.isDone());
        release.countDown();
        assertEquals("the block finishes on the old plugin", "valid", midBlock.get(10, TimeUnit.SECONDS));
        assertEquals("the rest of the block too", "valid", verdict(block2.validationPlugin("fixture").plugin(), "ns"));
        block2.close();
        update.get(20, TimeUnit.SECONDS);

        try (ValidationSnapshot block3 = registry.validationSnapshot(CHANNEL)) {
            ServedPlugin<ValidationPlugin> now = block3.validationPlugin("fixture");
            assertEquals(new PluginIdentity("FixtureValidation", BUNDLE, "2.0.0", sha256("v2-rejects.jar")),
                    now.identity().orElseThrow());
            assertEquals("invalid: fixture 2.0.0 rejects", verdict(now.plugin(), "ns"));
        }
        SwapStatus swaps = swapStatus(registry);
        assertEquals(1, swaps.swaps());
        assertEquals(0, swaps.failedSwaps());
        assertEquals("2.0.0", registry.validationPluginIdentity("fixture").orElseThrow().bundleVersion());
    }

    @Test
    public void anUpdateWhoseInitFailsKeepsTheOldPluginActiveAndReportsTheFailure() throws Exception {
        Bundle fixture = deploy("v1-accepts.jar");
        HandlerRegistry registry = startPeer();
        try (ValidationSnapshot block2 = registry.validationSnapshot(CHANNEL)) {
            assertEquals("valid", verdict(block2.validationPlugin("fixture").plugin(), "ns"));
        }

        replace(fixture, "v3-init-fails.jar");

        SwapStatus swaps = swapStatus(registry);
        assertEquals(0, swaps.swaps());
        assertEquals(1, swaps.failedSwaps());
        assertTrue(swaps.lastFailure(), swaps.lastFailure().startsWith("replacing handler validators.fixture (name "
                + "FixtureValidation) failed, the previous instance stays active: validation plugin 'fixture' "
                + "(FixtureValidation) for channel 'mychannel': init failed: fixture 3.0.0 refuses to init"));
        HandlerStatus status = status(registry);
        assertEquals(HandlerStatus.State.ACTIVE, status.state());
        assertEquals("1.0.0", status.bundleVersion());
        assertTrue(status.problem(), status.problem().contains(swaps.lastFailure()));
        try (ValidationSnapshot block3 = registry.validationSnapshot(CHANNEL)) {
            ServedPlugin<ValidationPlugin> served = block3.validationPlugin("fixture");
            assertEquals("1.0.0", served.identity().orElseThrow().bundleVersion());
            assertEquals("the old plugin still validates", "valid", verdict(served.plugin(), "ns"));
        }
    }

    @Test
    public void anUpdateThatDoesNotResolveKeepsTheOldPluginActiveAndSaysWhy() throws Exception {
        Bundle fixture = deploy("v1-accepts.jar");
        HandlerRegistry registry = startPeer();
        try (ValidationSnapshot block2 = registry.validationSnapshot(CHANNEL)) {
            block2.validationPlugin("fixture");
        }

        try {
            replace(fixture, "v4-unresolvable.jar");
        } catch (IllegalStateException e) {
            // Felix refuses to start the new revision; what matters is what the peer does next.
        }

        HandlerStatus status = status(registry);
        assertEquals(HandlerStatus.State.ACTIVE, status.state());
        assertEquals("1.0.0", status.bundleVersion());
        assertTrue(status.problem(), status.problem().contains("channels keep using FixtureValidation (bundle "
                + BUNDLE + " 1.0.0, sha256:" + sha256("v1-accepts.jar") + ") because nothing else serves the "
                + "handler; its bundle " + BUNDLE + " (now version 4.0.0) cannot be resolved: it imports package "
                + "weft.api.validation [2.0.0,3.0.0), but the peer exports weft.api.validation"));
        try (ValidationSnapshot block3 = registry.validationSnapshot(CHANNEL)) {
            assertEquals("valid", verdict(block3.validationPlugin("fixture").plugin(), "ns"));
        }

        replace(fixture, "v2-rejects.jar");
        try (ValidationSnapshot block4 = registry.validationSnapshot(CHANNEL)) {
            assertEquals("a good revision takes over", "invalid: fixture 2.0.0 rejects",
                    verdict(block4.validationPlugin("fixture").plugin(), "ns"));
        }
        assertEquals("", status(registry).problem());
    }

    /** Installs and starts the fixture from a copy of {@code jar} at a fixed location, as a deploy directory holds it. */
    private Bundle deploy(String jar) throws Exception {
        Path deployed = jars().resolve("deploy").resolve(BUNDLE + ".jar");
        Files.createDirectories(deployed.getParent());
        Files.copy(jars().resolve(jar), deployed, StandardCopyOption.REPLACE_EXISTING);
        Bundle bundle = context.installBundle(deployed.toUri().toString());
        bundle.start();
        return bundle;
    }

    /** Replaces the deployed jar atomically and updates the bundle from it. */
    private void replace(Bundle bundle, String jar) {
        try {
            Path deployed = jars().resolve("deploy").resolve(BUNDLE + ".jar");
            Path staged = Files.copy(jars().resolve(jar), jars().resolve("staged.jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            bundle.update();
            if (bundle.getState() != Bundle.ACTIVE) {
                bundle.start(); // after a revision that did not start, the next update does not start it
            }
        } catch (IOException | BundleException e) {
            throw new IllegalStateException(e);
        }
    }

    private HandlerRegistry startPeer() throws Exception {
        control.start(Path.of(System.getProperty(CONFIG)));
        HandlerRegistry registry = context.getService(context.getServiceReference(HandlerRegistry.class));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (registry.validationPluginIdentity("fixture").isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the fixture never came to serve handler 'fixture'");
            }
            Thread.sleep(20);
        }
        return registry;
    }

    private CountDownLatch gate(String name) {
        CountDownLatch latch = new CountDownLatch(1);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("fixture.gate", name);
        context.registerService(CountDownLatch.class, latch, properties);
        return latch;
    }

    private static String verdict(ValidationPlugin plugin, String namespace) {
        try {
            plugin.validate(Block.getDefaultInstance(), namespace, 0, 0);
            return "valid";
        } catch (InvalidTransactionException e) {
            return "invalid: " + e.getMessage();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    private static SwapStatus swapStatus(HandlerRegistry registry) {
        return registry.swapStatuses().stream().filter(s -> s.pluginName().equals("fixture")).findFirst().orElseThrow();
    }

    private static HandlerStatus status(HandlerRegistry registry) {
        List<HandlerStatus> statuses = registry.statuses();
        return statuses.stream().filter(s -> s.pluginName().equals("fixture")).findFirst().orElseThrow();
    }

    private static Path jars() {
        return Path.of(System.getProperty(JARS));
    }

    private static String sha256(String jar) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jars().resolve(jar))));
    }
}
