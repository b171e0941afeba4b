package weft.distribution;

import static org.junit.Assert.assertEquals;
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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
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
import org.osgi.framework.Constants;
import weft.launcher.spi.ChannelNode;
import weft.launcher.spi.LifecycleCall;
import weft.launcher.spi.PeerControl;
import weft.runtime.channel.BroadcastException;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.channel.ChannelHost;
import weft.runtime.channel.CommitStatus;
import weft.runtime.channel.CommitTimeoutException;
import weft.runtime.channel.GatewayClient;
import weft.runtime.handlers.HandlerRegistry;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.handlers.SwapStatus;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.runtime.metrics.PeerMetrics;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspFolder;

/**
 * Load test of issue 11 point 5, in the framework (pax-exam, Felix) with the distribution's bundles: the development
 * network (solo, one organisation) with asset-transfer-basic, whose definition is moved to a validation handler
 * {@code swapvscc} served by a fixture plugin built here by bnd. Several clients submit {@code CreateAsset}
 * transactions with unique keys and wait for each commit while the fixture's bundle is updated in place 20 times,
 * alternating a revision that accepts every transaction with one that rejects every transaction
 * ({@code ENDORSEMENT_POLICY_FAILURE}); each revision has its own bundle version, so a verdict names the revision
 * that gave it. Two bad updates come on the way (a revision whose {@code init} fails, one that does not resolve):
 * the revision before each must go on deciding. One test updates the bundle with {@code Bundle.update()}, the
 * other replaces its jar in the watched deploy directory (FileInstall).
 *
 * <p>The tests assert properties, never a timing: nothing acknowledged is lost or committed twice, one revision
 * per block, revisions only move forward and only between blocks, the channel never halts, the last revision
 * decides at the end, swaps are counted. They print the block pause (time between consecutive block commits) and
 * the throughput of the phases without swaps (before and after) and of the swap phase, under the same load; the
 * block times come from a metrics service the test registers with the highest ranking, which the channels report
 * commits to.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class VsccSwapUnderLoadPaxExamIT {

    private static final String CONFIG = "weft.test.config";
    private static final String JARS = "weft.test.swap.jars";
    private static final String CHANNEL = "mychannel";
    private static final String BUNDLE = "acme.fixture.vscc";
    private static final String HANDLER = "swapvscc";
    private static final int SWAPS = 20;
    private static final int SUBMITTERS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    /** Each of the two phases without swaps, before and after the swaps. */
    private static final Duration STEADY_PHASE = Duration.ofSeconds(4);
    private static final Duration SWAP_GAP = Duration.ofMillis(300);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);

    /** An update that cannot take over, put in place after revision {@code after} serves. */
    private record BadRevision(String jar, String version, int after) {
    }

    private static final BadRevision BAD_INIT = new BadRevision("bad-init.jar", "1.10.1", 10);
    private static final BadRevision UNRESOLVABLE = new BadRevision("unresolvable.jar", "1.15.1", 15);

    @Inject
    private BundleContext context;

    @Inject
    private PeerControl control;

    @Configuration
    public Option[] config() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "paxexam-swapload-");
        for (int revision = 0; revision <= SWAPS; revision++) {
            PeerFixtures.pluginBundle(work.resolve(jarName(revision)), BUNDLE, version(revision), "weft.fixtures.swap",
                    rejects(revision) ? Map.of("Fixture-Verdict", "invalid") : Map.of());
        }
        // Two bad updates on the way, which must leave the revision before them in place.
        PeerFixtures.pluginBundle(work.resolve(BAD_INIT.jar()), BUNDLE, BAD_INIT.version(), "weft.fixtures.swap",
                Map.of("Fixture-Init", "fail"));
        PeerFixtures.pluginBundle(work.resolve(UNRESOLVABLE.jar()), BUNDLE, UNRESOLVABLE.version(),
                "weft.fixtures.swap", Map.of("Import-Package", "weft.api.validation;version=\"[2.0,3)\",*"));
        Path chaincode = PeerFixtures.distribution().resolve("chaincode").resolve("asset-transfer-basic.jar");
        Path config = PeerFixtures.writeConfig(work, """
                peer:
                  handlers:
                    endorsers:
                      escc: { name: DefaultEndorsement }
                    validators:
                      vscc: { name: DefaultValidation }
                      %s: { name: FixtureValidation }
                  devNetwork:
                    enabled: true
                    channel: %s
                    consensusType: solo
                    maxMessageCount: %d
                    batchTimeout: 100ms
                    chaincode:
                      name: basic
                      version: "1.0"
                      label: basic_1.0
                      package: %s
                      init: InitLedger
                operations:
                  listenAddress:
                """.formatted(HANDLER, CHANNEL, SUBMITTERS, chaincode));
        return options(
                systemProperty("org.ops4j.pax.url.mvn.repositories").value(""),
                systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"),
                systemProperty(CONFIG).value(config.toString()),
                systemProperty(JARS).value(work.toString()),
                frameworkProperty("org.osgi.framework.storage").value(work.resolve("felix").toString()),
                // FileInstall ships with the peer; without a directory it would watch ./load
                // FileInstall as the launcher configures it, watching the deploy directory of the second test
                frameworkProperty("felix.fileinstall.dir").value(work.resolve("watched").toString()),
                frameworkProperty("felix.fileinstall.poll").value("200"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.jar"),
                frameworkProperty("felix.fileinstall.bundles.new.start").value("true"),
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

    /** Puts a jar of the fixture in place: the first revision before the peer starts, the others under load. */
    @FunctionalInterface
    private interface Swapper {
        void put(String jar) throws Exception;
    }

    @Test
    public void updatingTheValidationBundleInPlaceTwentyTimesUnderLoadLosesNothingAndChangesVerdictsOnlyBetweenBlocks()
            throws Exception {
        Bundle[] fixture = new Bundle[1];
        swapUnderLoad("bundle updates", jar -> {
            if (fixture[0] == null) {
                fixture[0] = deploy(jar);
            } else {
                replace(fixture[0], jar);
            }
        });
    }

    @Test
    public void replacingTheValidationBundleInTheDeployDirectoryTwentyTimesUnderLoadLosesNothingAndChangesVerdictsOnlyBetweenBlocks()
            throws Exception {
        Path watched = Files.createDirectories(jars().resolve("watched"));
        try {
            swapUnderLoad("deploy/ directory", jar -> {
                Path staged = Files.copy(jars().resolve(jar), jars().resolve("staged.jar"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.move(staged, watched.resolve(BUNDLE + ".jar"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            });
        } finally {
            // pax-exam configures both tests' frameworks alike: the next one must not find this jar there
            Files.deleteIfExists(watched.resolve(BUNDLE + ".jar"));
        }
    }

    private void swapUnderLoad(String how, Swapper swapper) throws Exception {
        swapper.put(jarName(0));
        BlockClock clock = new BlockClock();
        Hashtable<String, Object> ranking = new Hashtable<>();
        ranking.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        context.registerService(PeerMetrics.class, clock, ranking);
        Journal journal = new Journal();
        Hashtable<String, Object> journalProperties = new Hashtable<>();
        journalProperties.put("fixture.journal", "load");
        context.registerService(Consumer.class, journal, journalProperties);

        control.start(Path.of(System.getProperty(CONFIG)));
        HandlerRegistry registry = context.getService(context.getServiceReference(HandlerRegistry.class));
        awaitServed(registry, version(0));
        ChannelNode node = context.getService(context.getServiceReference(ChannelNode.class));
        Path data = Files.createTempDirectory(jars(), "data-");
        List<String> opened = node.open(data, true);
        String packageId = packageId(opened);
        List<String> upgrade = List.of("-n", "basic", "-v", "2.0", "--sequence", "2", "--vscc", HANDLER);
        List<String> approve = new ArrayList<>(upgrade);
        approve.addAll(List.of("--package-id", packageId));
        node.lifecycle(new LifecycleCall("approveformyorg", CHANNEL, approve, null, null));
        node.lifecycle(new LifecycleCall("commit", CHANNEL, upgrade, null, null));
        ChannelHost gateway = context.getService(context.getServiceReference(ChannelHost.class));
        long firstLoadBlock = gateway.height(CHANNEL);
        assertEquals("the fixture's first revision serves the handler", version(0),
                registry.validationPluginIdentity(HANDLER).map(PluginIdentity::bundleVersion).orElse("none"));

        Load load = new Load(gateway, user(data));
        load.start();
        awaitBlocks(clock, firstLoadBlock + 3);
        Thread.sleep(WARM_UP.toMillis()); // not measured: the JIT is still compiling the commit path

        long steadyFrom = System.nanoTime();
        Thread.sleep(STEADY_PHASE.toMillis());
        long steadyTo = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        long swapFrom = System.nanoTime();
        List<Long> swapMillis = new ArrayList<>();
        List<long[]> swapWindows = new ArrayList<>();
        for (int revision = 1; revision <= SWAPS; revision++) {
            long start = System.nanoTime();
            swapper.put(jarName(revision));
            awaitServed(registry, version(revision));
            long served = System.nanoTime();
            swapMillis.add(TimeUnit.NANOSECONDS.toMillis(served - start));
            swapWindows.add(new long[] {start, served});
            Thread.sleep(SWAP_GAP.toMillis());
            for (BadRevision bad : List.of(BAD_INIT, UNRESOLVABLE)) {
                if (bad.after() == revision) {
                    swapper.put(bad.jar());
                    awaitBundleVersion(bad.version());
                    Thread.sleep(SWAP_GAP.toMillis());
                    assertEquals("after the bad update to " + bad.version() + " revision " + revision
                            + " still serves", version(revision), registry.validationPluginIdentity(HANDLER)
                            .map(PluginIdentity::bundleVersion).orElse("none"));
                }
            }
        }
        long swapTo = System.nanoTime();
        long lastSwapHeight = gateway.height(CHANNEL);
        long afterFrom = System.nanoTime();
        Thread.sleep(STEADY_PHASE.toMillis());
        long afterTo = System.nanoTime();
        awaitBlocks(clock, lastSwapHeight + 3);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        load.stop();

        assertEquals("the channel never halts", Optional.empty(), gateway.halted(CHANNEL));
        assertTrue("no transaction was refused by ordering: " + load.refused, load.refused.isEmpty());
        assertTrue("every proposal was endorsed: " + load.failures, load.failures.isEmpty());

        // The ledger as written to disk, once nothing is in flight any more: every block with its validation codes.
        long height = quiescedHeight(gateway);
        List<Block> blocks = ledgerBlocks(data, height);
        assertEquals("the block files hold every committed block", height, blocks.size());
        Map<String, Integer> occurrences = new HashMap<>();
        Map<Long, Set<String>> verdictsByBlock = new TreeMap<>();
        Map<String, TxValidationCode> codeByTx = new HashMap<>();
        Map<String, Long> blockByTx = new HashMap<>();
        for (Block block : blocks) {
            long number = block.getHeader().getNumber();
            byte[] filter = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray();
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                String txId = txId(block.getData().getData(i).toByteArray());
                occurrences.merge(txId, 1, Integer::sum);
                if (load.txIds.contains(txId)) {
                    TxValidationCode code = TxValidationCode.forNumber(filter[i]);
                    codeByTx.put(txId, code);
                    blockByTx.put(txId, number);
                    verdictsByBlock.computeIfAbsent(number, n -> new TreeSet<>()).add(code.name());
                }
            }
        }

        // 1. Every acknowledged transaction is in the ledger exactly once, with the code its client was told.
        List<String> acknowledged = new ArrayList<>(load.committed.keySet());
        acknowledged.addAll(load.timedOut);
        for (String txId : acknowledged) {
            assertEquals("acknowledged transaction " + txId + " is committed exactly once", Integer.valueOf(1),
                    occurrences.getOrDefault(txId, 0));
        }
        occurrences.forEach((txId, count) -> assertEquals("transaction " + txId + " appears once", 1, (int) count));
        load.committed.forEach((txId, status) -> {
            assertEquals(txId + "'s block", (long) blockByTx.get(txId), status.blockNumber());
            assertEquals(txId + "'s code", codeByTx.get(txId), status.code());
        });

        // 2. One revision per block: the fixture's journal names the revision behind every verdict of a block, and
        //    the block's codes are that revision's verdict.
        Map<Long, Set<String>> revisionsByBlock = journal.revisionsByBlock();
        int previousRevision = 0;
        int switches = 0;
        List<Long> loadBlocks = new ArrayList<>(verdictsByBlock.keySet());
        for (long number : loadBlocks) {
            Set<String> revisions = revisionsByBlock.getOrDefault(number, Set.of());
            assertEquals("block " + number + " is validated by exactly one revision: " + revisions, 1,
                    revisions.size());
            int revision = revision(revisions.iterator().next());
            Set<String> codes = verdictsByBlock.get(number);
            assertEquals("block " + number + " carries revision " + revision + "'s verdict only",
                    Set.of(rejects(revision) ? TxValidationCode.ENDORSEMENT_POLICY_FAILURE.name()
                            : TxValidationCode.VALID.name()), codes);
            assertTrue("revisions only move forward: block " + number + " has revision " + revision + " after "
                    + previousRevision, revision >= previousRevision);
            if (revision != previousRevision) {
                switches++;
            }
            previousRevision = revision;
        }
        assertEquals("the last revision decides the last blocks", SWAPS, previousRevision);
        for (long number : loadBlocks) {
            if (number > lastSwapHeight) {
                assertEquals("block " + number + " after the last swap", Set.of(version(SWAPS)),
                        revisionsByBlock.get(number));
            }
        }

        SwapStatus swaps = registry.swapStatuses().stream().filter(status -> status.pluginName().equals(HANDLER))
                .findFirst().orElseThrow();
        assertEquals("each good update is one swap", SWAPS, swaps.swaps());
        // FileInstall may start the bad revision twice (update, then refresh): each try is counted
        assertTrue("the update whose init fails is counted as failed: " + swaps, swaps.failedSwaps() >= 1);

        // The numbers.
        Phase steady = clock.phase("no swaps, before", steadyFrom, steadyTo);
        Phase swapping = clock.phase(SWAPS + " swaps", swapFrom, swapTo);
        Phase after = clock.phase("no swaps, after", afterFrom, afterTo);
        System.out.println("vscc swap under load (" + how + "): " + SUBMITTERS + " submitters, " + acknowledged.size()
                + " transactions acknowledged (" + load.committed.size() + " committed, " + load.timedOut.size()
                + " timed out waiting), " + loadBlocks.size() + " blocks from block " + firstLoadBlock + ", "
                + switches + " revision changes seen in blocks, " + Runtime.getRuntime().availableProcessors()
                + " processors, system load average " + loadBefore + " / " + loadAfter);
        System.out.println("  " + steady);
        System.out.println("  " + swapping);
        System.out.println("  " + after);
        System.out.println("  each swap, from putting the revision in place until it serves the handler, ms: "
                + swapMillis);
        System.out.println("  longest block pause touching each swap (from its start until the first block after it "
                + "serves), ms: " + clock.pausesAround(swapWindows));
        assertTrue("blocks were committed in every phase", steady.blocks() > 0 && swapping.blocks() > 0
                && after.blocks() > 0);
    }

    /** The submitters: each sends CreateAsset with its own keys and waits for the commit before the next. */
    private static final class Load {
        final ChannelGateway gateway;
        final GatewayClient client;
        final ExecutorService threads = Executors.newFixedThreadPool(SUBMITTERS);
        final AtomicBoolean running = new AtomicBoolean(true);
        final Set<String> txIds = ConcurrentHashMap.newKeySet();
        final Map<String, CommitStatus> committed = new ConcurrentHashMap<>();
        final Collection<String> timedOut = new ConcurrentLinkedQueue<>();
        final Collection<String> refused = new ConcurrentLinkedQueue<>();
        final Collection<String> failures = new ConcurrentLinkedQueue<>();
        final List<Future<?>> submitters = new ArrayList<>();

        Load(ChannelGateway gateway, LocalSigningIdentity identity) {
            this.gateway = gateway;
            this.client = new GatewayClient(identity);
        }

        void start() {
            for (int s = 0; s < SUBMITTERS; s++) {
                int submitter = s;
                submitters.add(threads.submit(() -> submit(submitter)));
            }
        }

        private void submit(int submitter) {
            for (int n = 0; running.get(); n++) {
                GatewayClient.Proposed proposed = client.proposeStrings(CHANNEL, "basic",
                        List.of("CreateAsset", "load-" + submitter + "-" + n, "blue", "5", "Tomoko", "300"));
                ProposalResponse response = gateway.endorse(proposed.signed());
                if (response.getResponse().getStatus() != 200) {
                    failures.add(proposed.txId() + ": " + response.getResponse().getMessage());
                    continue;
                }
                Envelope transaction = client.transaction(proposed, List.of(response));
                txIds.add(proposed.txId());
                try {
                    committed.put(proposed.txId(), gateway.submit(transaction, COMMIT_TIMEOUT));
                } catch (BroadcastException e) {
                    refused.add(proposed.txId() + ": " + e.getMessage());
                } catch (CommitTimeoutException e) {
                    timedOut.add(proposed.txId());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> submitter : submitters) {
                submitter.get(2 * COMMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            threads.shutdown();
        }
    }

    /** When each block was committed (nanoTime), as the channel reports it to the metrics service. */
    private static final class BlockClock implements PeerMetrics {
        private final List<long[]> commits = new CopyOnWriteArrayList<>(); // {height, nanoTime}

        @Override
        public void blockCommitted(String channel, long height, long commitNanos, Map<String, Integer> byCode) {
            if (CHANNEL.equals(channel)) {
                commits.add(new long[] {height, System.nanoTime()});
            }
        }

        long height() {
            return commits.isEmpty() ? 0 : commits.get(commits.size() - 1)[0];
        }

        /**
         * For each window {start, served}: the longest pause between consecutive commits that ends after
         * {@code start} and at or before the first commit after {@code served}.
         */
        List<Long> pausesAround(List<long[]> windows) {
            List<Long> longest = new ArrayList<>();
            for (long[] window : windows) {
                long max = 0;
                for (int i = 1; i < commits.size(); i++) {
                    long at = commits.get(i)[1];
                    if (at > window[0]) {
                        max = Math.max(max, at - commits.get(i - 1)[1]);
                        if (at > window[1]) {
                            break;
                        }
                    }
                }
                longest.add(TimeUnit.NANOSECONDS.toMillis(max));
            }
            return longest;
        }

        /** The pauses between consecutive commits whose later block falls in [from, to), and the throughput. */
        Phase phase(String name, long from, long to) {
            List<Long> pauses = new ArrayList<>();
            long blocks = 0;
            for (int i = 1; i < commits.size(); i++) {
                long at = commits.get(i)[1];
                if (at >= from && at < to) {
                    pauses.add(at - commits.get(i - 1)[1]);
                    blocks++;
                }
            }
            return new Phase(name, to - from, blocks, pauses);
        }
    }

    /** One phase's block pauses. */
    private record Phase(String name, long nanos, long blocks, List<Long> pauses) {
        @Override
        public String toString() {
            List<Long> sorted = pauses.stream().sorted().toList();
            return String.format("%-17s: %4d blocks in %5.1f s (%.1f blocks/s), block pause p50 %s ms, p99 %s ms, "
                    + "max %s ms", name, blocks, nanos / 1e9, blocks / (nanos / 1e9), millis(sorted, 0.50),
                    millis(sorted, 0.99), millis(sorted, 1.0));
        }

        private static String millis(List<Long> sorted, double quantile) {
            if (sorted.isEmpty()) {
                return "-";
            }
            int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
            return String.format("%.1f", sorted.get(Math.max(0, index)) / 1e6);
        }
    }

    /** What the fixture's instances report: "block tx version verdict". */
    private static final class Journal implements Consumer<String> {
        private final Collection<String> entries = new ConcurrentLinkedQueue<>();

        @Override
        public void accept(String entry) {
            entries.add(entry);
        }

        Map<Long, Set<String>> revisionsByBlock() {
            Map<Long, Set<String>> byBlock = new TreeMap<>();
            for (String entry : entries) {
                String[] parts = entry.split(" ");
                byBlock.computeIfAbsent(Long.parseLong(parts[0]), n -> new TreeSet<>()).add(parts[2]);
            }
            return byBlock;
        }
    }

    private static String jarName(int revision) {
        return "revision-" + revision + ".jar";
    }

    /** Revision k is bundle version 1.k.0; odd revisions reject every transaction. */
    private static String version(int revision) {
        return "1." + revision + ".0";
    }

    private static int revision(String version) {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    private static boolean rejects(int revision) {
        return revision % 2 == 1;
    }

    private static String packageId(List<String> opened) {
        Pattern pattern = Pattern.compile("deployed chaincode basic 1\\.0 \\(package ([^)]+)\\)");
        for (String line : opened) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("the development network did not deploy basic: " + opened);
    }

    private static LocalSigningIdentity user(Path data) throws Exception {
        Path msp = data.resolve("crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp");
        return MspFolder.signingIdentity(msp, MspFolder.load(msp, "Org1MSP"));
    }

    private static String txId(byte[] envelope) throws Exception {
        Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
        return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
    }

    /** The committed blocks as the ledger's block files hold them, in order. */
    private static List<Block> ledgerBlocks(Path data, long height) throws Exception {
        List<Block> blocks = new ArrayList<>();
        try (Stream<Path> files = Files.list(data.resolve("chains").resolve(CHANNEL))) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("blockfile_\\d{6}")).sorted()
                    .toList()) {
                for (BlockRecord record : BlockFileReader.readAll(file)) {
                    blocks.add(record.block());
                }
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            assertEquals("block files in order", i, blocks.get(i).getHeader().getNumber());
        }
        return blocks.subList(0, (int) Math.min(height, blocks.size()));
    }

    /** The channel's height once it has not changed for a while (a transaction that timed out may still commit). */
    private static long quiescedHeight(ChannelHost host) throws InterruptedException {
        long height = host.height(CHANNEL);
        while (true) {
            Thread.sleep(500);
            long now = host.height(CHANNEL);
            if (now == height) {
                return height;
            }
            height = now;
        }
    }

    private static void awaitBlocks(BlockClock clock, long height) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (clock.height() < height) {
            if (System.nanoTime() > deadline) {
                fail("the channel did not reach height " + height + " (at " + clock.height() + ")");
            }
            Thread.sleep(10);
        }
    }

    private static void awaitServed(HandlerRegistry registry, String version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!registry.validationPluginIdentity(HANDLER).map(PluginIdentity::bundleVersion).orElse("")
                .equals(version)) {
            if (System.nanoTime() > deadline) {
                fail("revision " + version + " never came to serve handler " + HANDLER + "; statuses: "
                        + registry.swapStatuses());
            }
            Thread.sleep(5);
        }
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

    /**
     * Replaces the deployed jar atomically and updates the bundle from it, in place; starts it when the revision
     * before did not start (Felix then leaves it stopped). A revision that does not resolve stays installed.
     */
    private void replace(Bundle bundle, String jar) throws IOException {
        Path deployed = jars().resolve("deploy").resolve(BUNDLE + ".jar");
        Path staged = Files.copy(jars().resolve(jar), jars().resolve("staged.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            bundle.update();
            if (bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
        } catch (BundleException e) {
            assertEquals("only the unresolvable revision fails to start: " + e, UNRESOLVABLE.jar(), jar);
        }
    }

    /** Waits until the fixture bundle is at {@code version} (whether or not it started). */
    private void awaitBundleVersion(String version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Stream.of(context.getBundles()).noneMatch(b -> BUNDLE.equals(b.getSymbolicName())
                && b.getVersion().toString().equals(version))) {
            if (System.nanoTime() > deadline) {
                fail("the fixture bundle never reached version " + version);
            }
            Thread.sleep(5);
        }
    }

    private static Path jars() {
        return Path.of(System.getProperty(JARS));
    }
}
