package weft.runtime.endorser.bench;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import weft.api.identity.Identity;
import weft.runtime.endorser.Client;
import weft.runtime.endorser.EndorserBench;
import weft.runtime.endorser.ProposalResult;
import weft.runtime.endorser.TestNetwork;

/**
 * Proposals per second through the endorser on one thread, for a read-only function (ReadAsset) and a
 * create-style one (CreateAsset: reads a missing key, writes it), with DefaultEndorsement, against a ledger in a
 * temp directory. Proposals are signed by the client before the clock starts, as a client signs them.
 *
 * <p>The baseline, measured in the same run with the same keys: the raw rates of the endorser's own signature
 * work per proposal — two verifications of the creator's signature (the proposal check and the Writers ACL, as
 * Fabric does both) and one signature (the endorsement). The share of time in signature work is that cost
 * divided by the measured time per proposal.
 */
public final class EndorsementBenchmark {

    private static final int ROUNDS = 5;
    private static final long ROUND_NANOS = 2_000_000_000L;
    private static final int ASSETS = 1_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("weft-endorsement-bench");
        try (EndorserBench bench = new EndorserBench(dir)) {
            seed(bench);
            Client client = bench.client;
            TestNetwork.KeySigner clientKey = bench.network.org1().signer(bench.network.org1().client());
            TestNetwork.KeySigner peerKey = bench.network.org1().peerIdentity();
            Identity creator = bench.committer.config().msps().deserializeIdentity(clientKey.serialize());
            ByteString message = client.propose(TestNetwork.CHANNEL, EndorserBench.CHAINCODE, "ReadAsset", "asset1")
                    .signed().getProposalBytes();
            ByteString signature = clientKey.sign(message);

            int[] counter = {0};
            IntFunction<Client.Signed> read = i -> client.propose(TestNetwork.CHANNEL, EndorserBench.CHAINCODE,
                    "ReadAsset", "asset" + (i % ASSETS));
            IntFunction<Client.Signed> create = i -> client.propose(TestNetwork.CHANNEL, EndorserBench.CHAINCODE,
                    "CreateAsset", "new" + (counter[0]++), "green", "7", "Zoe");

            // warm-up
            proposalsPerSecond(bench, read, 1_000_000_000L);
            proposalsPerSecond(bench, create, 1_000_000_000L);
            rate(() -> creator.verify(message, signature), 1_000_000_000L);
            rate(() -> peerKey.sign(message), 1_000_000_000L);

            List<Double> reads = new ArrayList<>();
            List<Double> creates = new ArrayList<>();
            List<Double> verifies = new ArrayList<>();
            List<Double> signs = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                reads.add(proposalsPerSecond(bench, read, ROUND_NANOS));
                creates.add(proposalsPerSecond(bench, create, ROUND_NANOS));
                verifies.add(rate(() -> creator.verify(message, signature), ROUND_NANOS / 2));
                signs.add(rate(() -> peerKey.sign(message), ROUND_NANOS / 2));
            }
            double verify = median(verifies);
            double sign = median(signs);
            double signatureSeconds = 2 / verify + 1 / sign;
            System.out.printf("endorsement benchmark: 1 thread, DefaultEndorsement, median of %d rounds of %.0f s%n",
                    ROUNDS, ROUND_NANOS / 1e9);
            System.out.printf("baseline: ECDSA P-256 verify %,.0f/s | sign %,.0f/s | per proposal 2 verify + 1 sign ="
                    + " %.0f us (bound %,.0f proposals/s)%n", verify, sign, signatureSeconds * 1e6, 1 / signatureSeconds);
            report("ReadAsset", median(reads), signatureSeconds);
            report("CreateAsset", median(creates), signatureSeconds);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String function, double perSecond, double signatureSeconds) {
        double perProposal = 1 / perSecond;
        System.out.printf("%-11s %,.0f proposals/s | %.0f us per proposal | signature work %.0f%% | ratio to bound %.2f%n",
                function, perSecond, perProposal * 1e6, 100 * signatureSeconds / perProposal,
                perSecond * signatureSeconds);
    }

    /** Commits {@value #ASSETS} assets, 200 per block. */
    private static void seed(EndorserBench bench) throws Exception {
        for (int start = 0; start < ASSETS; start += 200) {
            List<ByteString> envelopes = new ArrayList<>();
            for (int i = start; i < start + 200; i++) {
                Client.Signed proposal = bench.client.propose(TestNetwork.CHANNEL, EndorserBench.CHAINCODE,
                        "CreateAsset", "asset" + i, "blue", "5", "Tom");
                envelopes.add(bench.client.transaction(proposal, List.of(bench.endorse(proposal).response())));
            }
            bench.commit(envelopes);
        }
    }

    /** Proposals are signed in batches outside the timed part. */
    private static double proposalsPerSecond(EndorserBench bench, IntFunction<Client.Signed> proposals, long nanos) {
        int batch = 500;
        long spent = 0;
        long done = 0;
        int next = 0;
        while (spent < nanos) {
            List<ByteString> signed = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                signed.add(proposals.apply(next++).bytes());
            }
            long start = System.nanoTime();
            for (ByteString proposal : signed) {
                ProposalResult result = bench.org1Peer.process(proposal);
                if (!result.endorsed()) {
                    throw new IllegalStateException(result.response().getResponse().getMessage());
                }
            }
            spent += System.nanoTime() - start;
            done += batch;
        }
        return done / (spent / 1e9);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double rate(Work work, long nanos) throws Exception {
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < nanos) {
            for (int i = 0; i < 50; i++) {
                work.run();
            }
            count += 50;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
