package weft.runtime.bench;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import weft.api.identity.SignedData;
import weft.runtime.crypto.EcPublicKey;
import weft.runtime.crypto.HashFunction;
import weft.runtime.cryptogen.IssuedCertificate;
import weft.runtime.msp.MspManager;
import weft.runtime.msp.TestOrg;
import weft.runtime.msp.X509Msp;
import weft.runtime.policy.ApplicationPolicyEvaluator;
import weft.runtime.policy.ChannelPolicies;

/**
 * Policy evaluations per second for a 3-org 2-of-3 endorsement policy (two endorsements per evaluation, identity
 * deserialization cached), next to the raw Bouncy Castle ECDSA P-256 verify rate measured in the same run. The
 * bound is verify rate ÷ 2 signatures per evaluation. Not part of the test suite; run with
 * {@code mvn -q -pl runtime/msp -am install -DskipTests && mvn -q -pl runtime/msp exec:java@policy-benchmark}.
 */
public final class PolicyEvaluationBenchmark {

    private static final int ROUNDS = 5;
    private static final long ROUND_MILLIS = 2000;
    private static final int MESSAGES = 256;

    public static void main(String[] args) throws Exception {
        TestOrg[] orgs = {new TestOrg("Org1MSP"), new TestOrg("Org2MSP"), new TestOrg("Org3MSP")};
        IssuedCertificate[] peers = new IssuedCertificate[3];
        List<X509Msp> msps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers[i] = orgs[i].issue("peer0." + orgs[i].mspId, "peer");
            msps.add(orgs[i].msp());
        }
        MspManager manager = new MspManager(msps);
        ApplicationPolicyEvaluator evaluator = new ApplicationPolicyEvaluator(manager,
                ChannelPolicies.fromConfig(ConfigGroup.getDefaultInstance(), manager));
        ByteString twoOfThree = ApplicationPolicy.newBuilder().setSignaturePolicy(twoOfThree()).build().toByteString();

        // Distinct payloads, as in a block: every evaluation verifies two fresh signatures.
        List<List<SignedData>> endorsements = new ArrayList<>();
        byte[][] payloads = new byte[MESSAGES][];
        byte[][] signatures = new byte[MESSAGES][];
        for (int m = 0; m < MESSAGES; m++) {
            ByteString payload = ByteString.copyFromUtf8("proposal response payload " + m + " ".repeat(150));
            payloads[m] = payload.toByteArray();
            signatures[m] = peers[0].key().sign(payloads[m], HashFunction.SHA256);
            List<SignedData> set = new ArrayList<>();
            for (int e : new int[] {m % 3, (m + 1) % 3}) {
                ByteString identity = orgs[e].serialize(peers[e]);
                set.add(new SignedData(payload.concat(identity), identity, ByteString.copyFrom(
                        peers[e].key().sign(payload.concat(identity).toByteArray(), HashFunction.SHA256))));
            }
            endorsements.add(set);
        }
        EcPublicKey key = peers[0].key().publicKey();
        evaluator.evaluate(twoOfThree, endorsements.get(0)); // fails loudly if the setup is wrong

        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("policy evaluation benchmark: %d rounds of %d ms, median reported, %d core(s)%n",
                ROUNDS, ROUND_MILLIS, threads);
        for (int t : threads > 1 ? new int[] {1, threads} : new int[] {1}) {
            double verifyRate = measure(t, i -> {
                int m = (int) (i % MESSAGES);
                try {
                    key.verify(payloads[m], signatures[m], HashFunction.SHA256);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            double policyRate = measure(t, i -> {
                try {
                    evaluator.evaluate(twoOfThree, endorsements.get((int) (i % MESSAGES)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            double bound = verifyRate / 2;
            System.out.printf("%d thread(s): raw ECDSA verify %,.0f/s | 2-of-3 policy evaluations %,.0f/s | "
                    + "bound (verify/2) %,.0f/s | ratio to bound %.2f%n", t, verifyRate, policyRate, bound,
                    policyRate / bound);
        }
    }

    private interface Operation {
        void run(long iteration);
    }

    /** Median operations per second over the rounds, after one warm-up round. */
    private static double measure(int threads, Operation operation) throws Exception {
        double[] rates = new double[ROUNDS];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = -1; round < ROUNDS; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Future<Long>> counts = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    long offset = t * 7919L;
                    counts.add(pool.submit(() -> {
                        long n = 0;
                        while (!stop.get()) {
                            operation.run(offset + n++);
                        }
                        return n;
                    }));
                }
                TimeUnit.MILLISECONDS.sleep(ROUND_MILLIS);
                stop.set(true);
                long total = 0;
                for (Future<Long> count : counts) {
                    total += count.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round >= 0) {
                    rates[round] = total / seconds;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Arrays.sort(rates);
        return rates[ROUNDS / 2];
    }

    private static SignaturePolicyEnvelope twoOfThree() {
        SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder();
        SignaturePolicy.NOutOf.Builder rule = SignaturePolicy.NOutOf.newBuilder().setN(2);
        for (int i = 0; i < 3; i++) {
            envelope.addIdentities(MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier("Org" + (i + 1) + "MSP")
                            .setRole(MSPRole.MSPRoleType.PEER).build().toByteString()));
            rule.addRules(SignaturePolicy.newBuilder().setSignedBy(i));
        }
        return envelope.setRule(SignaturePolicy.newBuilder().setNOutOf(rule)).build();
    }

    private PolicyEvaluationBenchmark() {
    }
}
