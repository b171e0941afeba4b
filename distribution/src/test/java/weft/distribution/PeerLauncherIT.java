package weft.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.launcher.LaunchSettings;
import weft.launcher.PeerFramework;
import weft.launcher.spi.HandlerStatus;
import weft.launcher.spi.HandlerStatus.State;
import weft.launcher.spi.PeerControl;
import weft.launcher.spi.PeerStartException;

/**
 * Boots the assembled distribution's bundles in an embedded framework, as {@code weft-peer} does, and checks
 * how the peer binds, reports and refuses handlers. The peer must keep running whatever a handler's problem.
 */
class PeerLauncherIT {

    @TempDir
    Path dir;

    private PeerFramework peer;
    private PeerControl control;

    @BeforeEach
    void boot() throws Exception {
        LaunchSettings settings = new LaunchSettings(PeerFixtures.bundles(), dir.resolve("felix-cache"),
                Duration.ofSeconds(30), Map.of("weft.handlers.settle.millis", "300"));
        peer = PeerFramework.boot(settings);
        control = peer.control();
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    @Test
    void defaultConfigurationServesEsccAndVscc() throws Exception {
        List<HandlerStatus> statuses = control.start(PeerFixtures.distribution().resolve("config/core.yaml"));

        HandlerStatus escc = find(statuses, "endorser", "escc");
        assertEquals(State.ACTIVE, escc.state(), escc.problem());
        HandlerStatus vscc = find(statuses, "validator", "vscc");
        assertEquals(State.ACTIVE, vscc.state(), vscc.problem());
        assertEquals("weft.plugins.vscc", vscc.bundle());
        assertEquals("DefaultEndorsement", escc.handlerName());
        assertEquals("weft.plugins.escc", escc.bundle());
        assertEquals(State.BUILT_IN, find(statuses, "authFilter", "[0]").state());
        assertTrue(statuses.stream().noneMatch(s -> s.state() == State.FAILED), statuses.toString());
    }

    @Test
    void everyShippedBundleIsActiveAndTheChaincodeRegistryIsServed() throws Exception {
        for (org.osgi.framework.Bundle bundle : peer.framework().getBundleContext().getBundles()) {
            if (bundle.getHeaders().get(org.osgi.framework.Constants.FRAGMENT_HOST) == null) {
                assertEquals(org.osgi.framework.Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName() + " is not active");
            }
        }
        // Declarative Services activates the registry once the endorser bundle resolves. (All references: this
        // test's class path has its own copy of the class, which the framework would otherwise filter out.)
        String registry = "weft.runtime.endorser.chaincode.ChaincodeRegistry";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (peer.framework().getBundleContext().getAllServiceReferences(registry, null) == null
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(peer.framework().getBundleContext().getAllServiceReferences(registry, null) != null,
                "no ChaincodeRegistry service");
    }

    @Test
    void theNetworkBundlesResolveAndFabricsServiceStubsWireToTheGrpcBundle() throws Exception {
        org.osgi.framework.BundleContext context = peer.framework().getBundleContext();
        org.osgi.framework.Bundle grpc = bundle(context, "weft.grpc");
        org.osgi.framework.Bundle network = bundle(context, "weft.runtime.network");
        org.osgi.framework.Bundle protos = bundle(context, "weft.fabric.protos");
        assertEquals(org.osgi.framework.Bundle.ACTIVE, grpc.getState());
        assertEquals(org.osgi.framework.Bundle.ACTIVE, network.getState());
        // gRPC's API and nothing of what it embeds (Guava, the shaded Netty and its jctools, perfmark, common protos)
        List<String> exported = grpc.adapt(org.osgi.framework.wiring.BundleRevision.class)
                .getDeclaredCapabilities(org.osgi.framework.wiring.BundleRevision.PACKAGE_NAMESPACE).stream()
                .map(c -> c.getAttributes().get(org.osgi.framework.wiring.BundleRevision.PACKAGE_NAMESPACE) + " "
                        + c.getAttributes().get("version"))
                .sorted().toList();
        assertEquals(List.of("io.grpc 1.85.1", "io.grpc.netty.shaded.io.grpc.netty 1.85.1", "io.grpc.protobuf 1.85.1",
                "io.grpc.stub 1.85.1", "io.grpc.stub.annotations 1.85.1"), exported);

        for (org.osgi.framework.Bundle importer : List.of(protos, network)) {
            List<org.osgi.framework.wiring.BundleWire> wires = importer.adapt(org.osgi.framework.wiring.BundleWiring.class)
                    .getRequiredWires(org.osgi.framework.wiring.BundleRevision.PACKAGE_NAMESPACE);
            List<String> grpcPackages = wires.stream()
                    .filter(w -> String.valueOf(w.getCapability().getAttributes()
                            .get(org.osgi.framework.wiring.BundleRevision.PACKAGE_NAMESPACE)).startsWith("io.grpc"))
                    .map(w -> w.getCapability().getAttributes().get(org.osgi.framework.wiring.BundleRevision.PACKAGE_NAMESPACE)
                            + " <- " + w.getProvider().getSymbolicName()).toList();
            assertTrue(grpcPackages.contains("io.grpc <- weft.grpc"), importer.getSymbolicName() + ": " + grpcPackages);
            assertTrue(grpcPackages.contains("io.grpc.stub <- weft.grpc"), importer.getSymbolicName() + ": " + grpcPackages);
        }
        // Fabric's generated service base class loads inside the framework with weft.grpc's io.grpc.
        Class<?> base = protos.loadClass("org.hyperledger.fabric.protos.gateway.GatewayGrpc$GatewayImplBase");
        assertEquals(grpc, org.osgi.framework.FrameworkUtil.getBundle(bindable(base)));
    }

    private static Class<?> bindable(Class<?> base) {
        for (Class<?> type : base.getInterfaces()) {
            if (type.getName().equals("io.grpc.BindableService")) {
                return type;
            }
        }
        throw new AssertionError(base + " does not implement io.grpc.BindableService");
    }

    private static org.osgi.framework.Bundle bundle(org.osgi.framework.BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("the distribution does not ship " + symbolicName));
    }

    @Test
    void theAnonymousEndorsementBundleServesBothHandlersWhenConfigured() throws Exception {
        List<HandlerStatus> statuses = control.start(PeerFixtures.writeConfig(dir, """
                peer:
                  handlers:
                    endorsers:
                      anon: { name: AnonymousEndorsement }
                    validators:
                      anon: { name: AnonymousValidation }
                """));

        HandlerStatus endorser = find(statuses, "endorser", "anon");
        assertEquals(State.ACTIVE, endorser.state(), endorser.problem());
        assertEquals("weft.plugins.anon", endorser.bundle());
        HandlerStatus validator = find(statuses, "validator", "anon");
        assertEquals(State.ACTIVE, validator.state(), validator.problem());
        assertEquals("weft.plugins.anon", validator.bundle());
    }

    @Test
    void unknownHandlerNameIsReportedWhileOtherHandlersServe() throws Exception {
        List<HandlerStatus> statuses = control.start(config("""
                escc:   { name: DefaultEndorsement }
                custom: { name: NoSuchEndorsement }
                """));

        assertEquals(State.ACTIVE, find(statuses, "endorser", "escc").state());
        HandlerStatus custom = find(statuses, "endorser", "custom");
        assertEquals(State.FAILED, custom.state());
        assertEquals("handler endorsers.custom (name NoSuchEndorsement): unknown handler name 'NoSuchEndorsement': "
                + "no installed bundle registers an endorsement plugin with that name (available: [AnonymousEndorsement, DefaultEndorsement])",
                custom.problem());
        assertEquals(statuses, control.handlers(), "the peer keeps running and reporting");
    }

    @Test
    void missingLibraryIsReported() throws Exception {
        HandlerStatus custom = startWithLibrary("absent/custom-escc.jar");

        assertEquals(State.FAILED, custom.state());
        assertEquals("handler endorsers.custom (name customEndorsement): library "
                + dir.resolve("absent/custom-escc.jar") + " does not exist", custom.problem());
    }

    @Test
    void libraryThatIsNotAJarIsReported() throws Exception {
        Files.writeString(dir.resolve("custom-escc.jar"), "#!/bin/sh\necho not a jar\n");

        HandlerStatus custom = startWithLibrary("custom-escc.jar");

        assertEquals(State.FAILED, custom.state());
        assertTrue(custom.problem().startsWith("handler endorsers.custom (name customEndorsement): library "
                + dir.resolve("custom-escc.jar") + " is not a jar file"), custom.problem());
    }

    @Test
    void libraryThatIsNotABundleIsReported() throws Exception {
        PeerFixtures.plainJar(dir.resolve("custom-escc.jar"));

        HandlerStatus custom = startWithLibrary("custom-escc.jar");

        assertEquals(State.FAILED, custom.state());
        assertEquals("handler endorsers.custom (name customEndorsement): library " + dir.resolve("custom-escc.jar")
                + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName", custom.problem());
    }

    @Test
    void libraryBundleServesItsHandler() throws Exception {
        PeerFixtures.pluginBundle(dir.resolve("custom-escc.jar"), PeerFixtures.ACME_BUNDLE, "1.4.0", Map.of());

        HandlerStatus custom = startWithLibrary("custom-escc.jar");

        assertEquals(State.ACTIVE, custom.state(), custom.problem());
        assertEquals(PeerFixtures.ACME_BUNDLE, custom.bundle());
        assertEquals("1.4.0", custom.bundleVersion());
    }

    @Test
    void bundleBuiltAgainstAnIncompatibleApiVersionIsRefusedNamingTheRequirement() throws Exception {
        // What a plugin compiled against a future weft.api 2.x declares.
        PeerFixtures.pluginBundle(dir.resolve("custom-escc.jar"), "acme.future.escc", "2.0.0",
                Map.of("Import-Package", "weft.api.endorsement;version=\"[2.0,3)\",*"));

        HandlerStatus custom = startWithLibrary("custom-escc.jar");

        assertEquals(State.FAILED, custom.state());
        assertEquals("handler endorsers.custom (name customEndorsement): bundle acme.future.escc 2.0.0 (library "
                + dir.resolve("custom-escc.jar") + ") cannot be resolved: it imports package weft.api.endorsement "
                + "[2.0.0,3.0.0), but the peer exports weft.api.endorsement 1.0.0", custom.problem());
        assertFalse(Arrays.stream(peer.framework().getBundleContext().getBundles())
                        .anyMatch(b -> "acme.future.escc".equals(b.getSymbolicName())),
                "a refused bundle does not stay installed");
        assertEquals(State.ACTIVE, find(control.handlers(), "endorser", "escc").state());
    }

    @Test
    void invalidConfigurationStopsStartNamingTheSetting() throws Exception {
        Path file = PeerFixtures.writeConfig(dir, "peer:\n  handlers:\n    endorsers:\n      escc: { nam: x }\n");

        PeerStartException e = assertThrows(PeerStartException.class, () -> control.start(file));

        assertEquals(file + ": peer.handlers.endorsers.escc.nam: unknown setting; a handler has only [library, name]",
                e.getMessage());
        assertEquals(List.of(), control.handlers());
    }

    private HandlerStatus startWithLibrary(String library) throws Exception {
        List<HandlerStatus> statuses = control.start(config("""
                escc:   { name: DefaultEndorsement }
                custom: { name: customEndorsement, library: %s }
                """.formatted(library)));
        assertEquals(State.ACTIVE, find(statuses, "endorser", "escc").state(), "other handlers are unaffected");
        return find(statuses, "endorser", "custom");
    }

    private Path config(String endorsers) throws Exception {
        String indented = endorsers.lines().map(line -> "      " + line).reduce("", (a, b) -> a + b + "\n");
        return PeerFixtures.writeConfig(dir, "peer:\n  handlers:\n    endorsers:\n" + indented);
    }

    static HandlerStatus find(List<HandlerStatus> statuses, String kind, String pluginName) {
        return statuses.stream().filter(s -> s.kind().equals(kind) && s.pluginName().equals(pluginName)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + pluginName + " in " + statuses));
    }
}
