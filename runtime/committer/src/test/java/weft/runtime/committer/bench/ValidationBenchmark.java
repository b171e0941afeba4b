package weft.runtime.committer.bench;

import com.google.protobuf.ByteString;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Transaction;
import weft.runtime.committer.BlockValidator;
import weft.runtime.crypto.EcPublicKey;
import weft.runtime.crypto.HashFunction;
import weft.runtime.msp.MspManager;
import weft.runtime.policy.PolicyParser;

/**
 * Validation throughput of the committer (orderer signature, per-transaction checks, DefaultValidation with a
 * 3-org 2-of-3 policy) on 500-transaction blocks, next to the raw Bouncy Castle ECDSA verify rate measured in the
 * same run on the same number of threads (the workload's own signatures, keys cached, nothing else). A transaction
 * costs 3 verifications (creator + 2 endorsements), so the
 * bound is verify rate ÷ 3. Not part of the test suite; run with
 * {@code mvn -q -pl runtime/committer -am install -DskipTests && mvn -q -pl runtime/committer exec:java@validation-benchmark}.
 */
public final class ValidationBenchmark {

    private static final int TXS = 500;
    private static final int BLOCKS = 8;
    private static final int ROUNDS = 7;
    /** The validation path is long; the JIT needs several rounds before the figures settle. */
    private static final int WARMUP_ROUNDS = 3;
    private static final int SIGNATURES_PER_TX = 3;

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        SignedNetwork network = new SignedNetwork(3);
        Path dir = Files.createTempDirectory("weft-validation-bench");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor();
        try (BenchWiring wired = BenchWiring.wire(dir, pool, calls)) {
            wired.committer().commit(network.genesis());
            wired.committer().commit(network.definition(PolicyParser.parse(
                    "OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')")));
            List<Block> blocks = new ArrayList<>();
            for (int b = 0; b < BLOCKS; b++) {
                blocks.add(network.transactions(TXS, 2));
            }
            BlockValidator validator = wired.validator();
            byte[] first = validate(validator, wired, blocks.get(0));
            if (first[TXS - 1] != 0) {
                throw new IllegalStateException("the benchmark workload must be valid, got code " + first[TXS - 1]);
            }
            // Each round interleaves, block by block, validating the block with verifying that block's own
            // signatures (the baseline), so both see the same machine load; the machines here are shared and
            // noisy. The ratio is taken per round and the median reported.
            List<List<Signed>> signatures = new ArrayList<>();
            for (Block block : blocks) {
                signatures.add(signatures(block, wired));
            }
            ExecutorService verifiers = Executors.newFixedThreadPool(threads);
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double[] validationRates = new double[ROUNDS];
            double[] verifyRates = new double[ROUNDS];
            double[] ratios = new double[ROUNDS];
            double[] utilisation = new double[ROUNDS];
            try {
                for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
                    long validationNanos = 0;
                    long verifyNanos = 0;
                    long validationCpu = 0;
                    long verified = 0;
                    for (int b = 0; b < BLOCKS; b++) {
                        long cpuStart = os.getProcessCpuTime();
                        long start = System.nanoTime();
                        validate(validator, wired, blocks.get(b));
                        validationNanos += System.nanoTime() - start;
                        validationCpu += os.getProcessCpuTime() - cpuStart;
                        start = System.nanoTime();
                        verified += verifyAll(threads, signatures.get(b), verifiers);
                        verifyNanos += System.nanoTime() - start;
                    }
                    double validation = (double) BLOCKS * TXS / (validationNanos / 1e9);
                    double verify = verified / (verifyNanos / 1e9);
                    if (round >= 0) {
                        validationRates[round] = validation;
                        verifyRates[round] = verify;
                        ratios[round] = validation / (verify / SIGNATURES_PER_TX);
                        utilisation[round] = validationCpu / (double) validationNanos;
                    }
                }
            } finally {
                verifiers.shutdownNow();
            }
            Arrays.sort(validationRates);
            Arrays.sort(verifyRates);
            Arrays.sort(ratios);
            Arrays.sort(utilisation);
            System.out.printf("validation benchmark: %d blocks x %d tx, 3 orgs, 2-of-3 policy, %d thread(s), median of %d "
                    + "rounds, validation and baseline interleaved block by block%n", BLOCKS, TXS, threads, ROUNDS);
            System.out.printf("raw ECDSA verify of the workload's signatures %,.0f/s | validation %,.0f tx/s | bound "
                    + "(verify/%d) %,.0f tx/s | ratio to bound %.2f (per-round ratios %.2f..%.2f) "
                    + "| CPU in use during validation %.2f of %d%n",
                    verifyRates[ROUNDS / 2], validationRates[ROUNDS / 2], SIGNATURES_PER_TX,
                    verifyRates[ROUNDS / 2] / SIGNATURES_PER_TX, ratios[ROUNDS / 2], ratios[0], ratios[ROUNDS - 1],
                    utilisation[ROUNDS / 2], threads);
        } finally {
            pool.shutdownNow();
            calls.shutdownNow();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] validate(BlockValidator validator, BenchWiring wired, Block block) throws Exception {
        return validator.validate(block, new BlockValidator.Context(wired.committer().config(),
                wired.ledger()::txIdExists, wired.committer().definitions(), wired.plugins(),
                wired.committer().pluginDependencies()));
    }

    /** One signature of the workload: the signer's cached key, the signed bytes and the signature. */
    private record Signed(EcPublicKey key, byte[] message, byte[] signature) {
    }

    /**
     * The workload's own signatures (each transaction's creator signature and its two endorsements), with the
     * signers' cached keys: verifying them and nothing else is the rate validation is bounded by.
     */
    private static List<Signed> signatures(Block block, BenchWiring wired) throws Exception {
        MspManager msps = wired.committer().config().msps();
        List<Signed> signatures = new ArrayList<>();
        for (ByteString data : block.getData().getDataList()) {
            Envelope envelope = Envelope.parseFrom(data);
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ByteString creator = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader()).getCreator();
            signatures.add(new Signed(msps.deserializeIdentity(creator).publicKey(), envelope.getPayload().toByteArray(),
                    envelope.getSignature().toByteArray()));
            ChaincodeEndorsedAction action = ChaincodeActionPayload.parseFrom(
                    Transaction.parseFrom(payload.getData()).getActions(0).getPayload()).getAction();
            for (Endorsement endorsement : action.getEndorsementsList()) {
                signatures.add(new Signed(msps.deserializeIdentity(endorsement.getEndorser()).publicKey(),
                        action.getProposalResponsePayload().concat(endorsement.getEndorser()).toByteArray(),
                        endorsement.getSignature().toByteArray()));
            }
        }
        return signatures;
    }

    /**
     * Verifies every signature once, split evenly over {@code threads} threads, as validation would spread them;
     * returns how many were verified.
     */
    private static long verifyAll(int threads, List<Signed> signatures, ExecutorService pool) throws Exception {
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                for (int i = first; i < signatures.size(); i += threads) {
                    Signed signed = signatures.get(i);
                    signed.key().verify(signed.message(), signed.signature(), HashFunction.SHA256);
                }
                return null;
            }));
        }
        for (Future<?> part : parts) {
            part.get();
        }
        return signatures.size();
    }

    private ValidationBenchmark() {
    }
}
