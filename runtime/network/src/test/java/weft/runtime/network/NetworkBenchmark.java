package weft.runtime.network;

import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import weft.runtime.channel.ChannelClient;

/**
 * End-to-end CreateAsset throughput (submit → committed) through the unmodified fabric-gateway client over mutual
 * TLS, with N concurrent clients on one machine, and latency percentiles; the baseline, measured in the same run
 * on the same node, is the in-process path (endorse and submit through the ChannelGateway, waiting for the commit,
 * with the same N threads). Not part of the test suite:
 * <pre>
 * mvn -B -q -pl runtime/network -am -DskipTests -DskipITs -Pnetwork-benchmark verify
 *     [-Dweft.bench.clients=1,8,32] [-Dweft.bench.seconds=10]
 * </pre>
 */
public final class NetworkBenchmark {

    /** Kept referenced: java.util.logging forgets the level of a logger nobody holds. */
    private static final java.util.logging.Logger WEFT_LOG = java.util.logging.Logger.getLogger("weft");

    private NetworkBenchmark() {
    }

    /** One measured run. */
    record Result(String path, int clients, int transactions, double seconds, List<Long> latenciesNanos) {
        double throughput() {
            return transactions / seconds;
        }

        double percentileMillis(double p) {
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
        }

        String line() {
            return String.format(Locale.ROOT, "%-10s clients %3d: %6d tx in %5.1f s = %7.1f tx/s; latency p50 %6.1f ms,"
                            + " p95 %6.1f ms, p99 %6.1f ms", path, clients, transactions, seconds, throughput(),
                    percentileMillis(50), percentileMillis(95), percentileMillis(99));
        }
    }

    /** One client's transaction, returning when it is committed; fails unless it was committed as valid. */
    @FunctionalInterface
    interface Submit {
        void run(String assetId) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        WEFT_LOG.setLevel(java.util.logging.Level.WARNING); // the benchmark prints its own results
        int[] clients = Arrays.stream(System.getProperty("weft.bench.clients", "1,8,32").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        double seconds = Double.parseDouble(System.getProperty("weft.bench.seconds", "10"));
        Path directory = Files.createTempDirectory("weft-network-bench");
        System.out.printf("Weft network benchmark: CreateAsset submit -> committed, solo (max 50 tx or 50 ms per "
                + "block), mutual TLS on loopback, %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (NetworkTestNode node = new NetworkTestNode(directory, NetworkTestNode.DEFAULT_MAX, Duration.ofMillis(50))) {
            ManagedChannel connection = node.connect(node.org1, true);
            X509Identity identity;
            try (var reader = Files.newBufferedReader(node.userCertificate())) {
                identity = new X509Identity("Org1MSP", Identities.readX509Certificate(reader));
            }
            var signer = Signers.newPrivateKeySigner(Identities.readPrivateKey(
                    Files.readString(node.userKey(), StandardCharsets.UTF_8)));
            try (Gateway gateway = Gateway.newInstance().identity(identity).signer(signer).connection(connection)
                    .tlsClientCertificateHash(NetworkTestNode.tlsCertificateHash(node.org1)).connect()) {
                Contract contract = gateway.getNetwork(NetworkTestNode.CHANNEL).getContract("basic");
                Submit network = id -> {
                    var status = contract.newProposal("CreateAsset").addArguments(id, "blue", "5", "Bench", "100")
                            .build().endorse().submitAsync().getStatus();
                    if (!status.isSuccessful()) {
                        throw new IllegalStateException(id + " committed as " + status.getCode());
                    }
                };
                ChannelClient local = new ChannelClient(node.host, node.user, NetworkTestNode.TIMEOUT);
                Submit inProcess = id -> {
                    var submitted = local.submitStrings(NetworkTestNode.CHANNEL, "basic",
                            List.of("CreateAsset", id, "blue", "5", "Bench", "100"));
                    if (!submitted.status().valid()) {
                        throw new IllegalStateException(id + " committed as " + submitted.status().code());
                    }
                };
                // Warm-up: both paths, so the JIT and the connection are ready before anything is measured.
                run("warm-up", "warmN", Math.max(8, clients[clients.length - 1]), 3, network);
                run("warm-up", "warmL", Math.max(8, clients[clients.length - 1]), 3, inProcess);
                List<String> summary = new ArrayList<>();
                for (int n : clients) {
                    Result baseline = run("in-process", "l" + n + "-", n, seconds, inProcess);
                    Result grpc = run("gateway", "g" + n + "-", n, seconds, network);
                    System.out.println(baseline.line());
                    System.out.println(grpc.line());
                    String ratio = String.format(Locale.ROOT, "clients %3d: fabric-gateway over mTLS %.1f tx/s = "
                                    + "%.2f of the in-process rate (%.1f tx/s); p50 %.1f ms vs %.1f ms", n,
                            grpc.throughput(), grpc.throughput() / baseline.throughput(), baseline.throughput(),
                            grpc.percentileMillis(50), baseline.percentileMillis(50));
                    System.out.println(ratio);
                    summary.add(ratio);
                }
                System.out.println("summary:");
                summary.forEach(line -> System.out.println("  " + line));
            } finally {
                NetworkTestNode.close(connection);
            }
        }
    }

    private static Result run(String path, String prefix, int clients, double seconds, Submit submit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong counter = new AtomicLong();
        List<Future<List<Long>>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long begin = System.nanoTime();
                    submit.run(prefix + counter.incrementAndGet());
                    latencies.add(System.nanoTime() - begin);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            all.addAll(future.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return new Result(path, clients, all.size(), elapsed, all);
    }
}
