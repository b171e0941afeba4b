package weft.plugins.ordering.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BatchSize;
import weft.api.ordering.Cluster;
import weft.api.ordering.ClusterMember;
import weft.api.ordering.Consenter;
import weft.api.ordering.ConsenterFactory;
import weft.api.ordering.ConsenterStorage;
import weft.api.plugin.HandlerProperties;
import weft.runtime.ordering.FileChainSupport;
import weft.runtime.ordering.testing.OrderingFixture;

/**
 * The packaged bundle, with Ratis embedded, inside Apache Felix: it resolves, SCR publishes its factory under
 * the name {@code raft}, and a one-node Raft cluster created through that service orders envelopes into blocks.
 * Weft's API, protobuf and Fabric's messages come from the test's class path through the system bundle, as
 * the launcher provides shared packages.
 */
class RaftBundleInFelixIT {

    @TempDir
    Path dir;

    @Test
    void theBundleResolvesInFelixAndOrdersEnvelopesThroughItsService() throws Exception {
        Path bundleJar = Path.of(System.getProperty("weft.bundle"));
        assertTrue(Files.isRegularFile(bundleJar), bundleJar + " is built");
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",",
                "weft.api.ordering;version=1.0.0", "weft.api.plugin;version=1.0.0",
                "com.google.protobuf;version=4.36.2", "org.hyperledger.fabric.protos.common;version=0.3.7"));
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(properties);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String prefix : List.of("org.osgi.util.function-", "org.osgi.util.promise-", "org.osgi.service.component-",
                    "org.apache.felix.scr-")) {
                bundles.add(context.installBundle(classPathJar(prefix).toUri().toString()));
            }
            Bundle raft = context.installBundle(bundleJar.toUri().toString());
            bundles.add(raft);
            for (Bundle bundle : bundles) {
                bundle.start();
            }
            assertEquals(Bundle.ACTIVE, raft.getState());
            assertEquals("weft.plugins.ordering.raft", raft.getSymbolicName());

            ServiceTracker<ConsenterFactory, ConsenterFactory> tracker = new ServiceTracker<>(context,
                    FrameworkUtil.createFilter("(&(objectClass=" + ConsenterFactory.class.getName() + ")("
                            + HandlerProperties.NAME + "=" + ConsenterFactory.RAFT + "))"), null);
            tracker.open();
            ConsenterFactory factory = tracker.waitForService(10_000);
            assertNotNull(factory, "SCR publishes the raft consenter factory");
            assertEquals(raft, tracker.getServiceReference().getBundle());

            OrderingFixture fixture = new OrderingFixture();
            BatchConfig batch = new BatchConfig(new BatchSize(5, 1 << 20, 1 << 18), Duration.ofMillis(100));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (FileChainSupport support = fixture.chainSupport(dir.resolve("blocks"), "orderer0", batch);
                 Consenter consenter = factory.newConsenter(support,
                         new Cluster("orderer0", List.of(new ClusterMember("orderer0", "127.0.0.1", port))),
                         new ConsenterStorage(dir.resolve("raft")))) {
                assertEquals(raft, FrameworkUtil.getBundle(consenter.getClass()), "Ratis runs in the bundle's class loader");
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    acks.add(consenter.broadcast(fixture.transaction("felix-" + i)));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (support.height() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                List<String> tags = new ArrayList<>();
                for (long n = 1; n < support.height(); n++) {
                    Block block = support.block(n).orElseThrow();
                    block.getData().getDataList().forEach(e -> tags.add(OrderingFixture.tagOf(e)));
                }
                assertEquals(4, support.height(), "5 + 5 by count, the last 2 by timeout");
                assertEquals(12, tags.size());
            }
            tracker.close();
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    private static Path classPathJar(String prefix) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName().toString().startsWith(prefix) && entry.endsWith(".jar")) {
                return path;
            }
        }
        throw new IOException("no " + prefix + "*.jar on the test class path");
    }
}
