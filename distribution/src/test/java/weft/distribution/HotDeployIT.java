package weft.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.launcher.LaunchSettings;
import weft.launcher.PeerFramework;
import weft.launcher.spi.HandlerStatus;
import weft.launcher.spi.HandlerStatus.State;
import weft.launcher.spi.PeerControl;

/**
 * The watched deploy directory on a running peer, as {@code weft-peer} boots it: dropping a plugin bundle jar
 * installs it and the handler that names it is served; replacing the jar updates the bundle in place; deleting it
 * uninstalls it.
 */
class HotDeployIT {

    private static final String BUNDLE = "acme.fixture.vscc";

    @TempDir
    Path dir;

    private Path deploy;
    private PeerFramework peer;
    private PeerControl control;

    @BeforeEach
    void boot() throws Exception {
        deploy = Files.createDirectories(dir.resolve("deploy"));
        LaunchSettings settings = new LaunchSettings(PeerFixtures.bundles(), dir.resolve("felix-cache"),
                Duration.ofSeconds(30), Map.of("weft.handlers.settle.millis", "100",
                        // the installation's own deploy/ is shared by the other tests
                        "felix.fileinstall.dir", deploy.toString()));
        peer = PeerFramework.boot(settings);
        control = peer.control();
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    @Test
    void theInstallationWatchesTheDeployDirectoryNextToItsBundles() {
        assertEquals(PeerFixtures.distribution().resolve("deploy"),
                PeerFramework.deployDirectory(LaunchSettings.of(PeerFixtures.bundles(), dir)));
        assertTrue(Files.isDirectory(PeerFixtures.distribution().resolve("deploy")), "shipped in the distribution");
    }

    @Test
    void aDroppedPluginJarServesItsHandlerAndReplacingOrDeletingTheJarUpdatesOrRemovesIt() throws Exception {
        Path v1 = PeerFixtures.pluginBundle(dir.resolve("v1.jar"), BUNDLE, "1.0.0", "weft.fixtures.swap", Map.of());
        Path v2 = PeerFixtures.pluginBundle(dir.resolve("v2.jar"), BUNDLE, "2.0.0", "weft.fixtures.swap",
                Map.of("Fixture-Verdict", "invalid"));
        HandlerStatus before = fixture(control.start(PeerFixtures.writeConfig(dir, """
                peer:
                  handlers:
                    validators:
                      fixture: { name: FixtureValidation }
                """)));
        assertEquals(State.FAILED, before.state());

        drop(v1);
        HandlerStatus installed = await(s -> s.state() == State.ACTIVE);
        assertEquals(BUNDLE, installed.bundle());
        assertEquals("1.0.0", installed.bundleVersion());

        drop(v2);
        assertEquals("2.0.0", await(s -> "2.0.0".equals(s.bundleVersion())).bundleVersion());

        Files.delete(deploy.resolve(BUNDLE + ".jar"));
        HandlerStatus removed = await(s -> s.state() == State.FAILED);
        assertTrue(removed.problem().contains("unknown handler name 'FixtureValidation'"), removed.problem());
    }

    /** Moves {@code jar} into the deploy directory under one file name, atomically, as operators should. */
    private void drop(Path jar) throws Exception {
        Path staged = Files.copy(jar, dir.resolve("staged.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, deploy.resolve(BUNDLE + ".jar"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private HandlerStatus await(Predicate<HandlerStatus> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HandlerStatus status = fixture(control.handlers());
        while (!condition.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the deploy directory was not picked up; handler status: " + status);
            }
            Thread.sleep(50);
            status = fixture(control.handlers());
        }
        return status;
    }

    private static HandlerStatus fixture(java.util.List<HandlerStatus> statuses) {
        return PeerLauncherIT.find(statuses, "validator", "fixture");
    }
}
