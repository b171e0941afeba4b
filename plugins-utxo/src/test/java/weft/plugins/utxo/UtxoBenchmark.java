package weft.plugins.utxo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import weft.api.validation.SerializedPolicy;
import weft.api.validation.ValidationPlugin;
import weft.plugins.utxo.TokenNetwork.Client;
import weft.plugins.utxo.TokenNetwork.Out;
import weft.runtime.crypto.EcPublicKey;
import weft.runtime.crypto.HashFunction;

/**
 * UTXO block validation throughput: blocks of transfers with 2 inputs and 2 outputs each, validated by
 * UtxoValidation on one thread per core as the committer calls it, against the bound set by the one ECDSA
 * verification each transaction needs here (its endorsement), measured in the same run on the same threads.
 * Not part of the test suite; run with the {@code utxo-benchmark} execution (see this module's README).
 */
public final class UtxoBenchmark {

    public static void main(String[] args) throws Exception {
        int blockSize = 500;
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int threads = Runtime.getRuntime().availableProcessors();
        TokenNetwork net = new TokenNetwork();
        Client minter = net.client(net.org1, "minter");
        Client alice = net.client(net.org1, "alice");
        Client bob = net.client(net.org2, "bob");
        ValidationPlugin plugin = net.plugin();
        ExecutorService pool = Executors.newFixedThreadPool(threads);

        // Two unspent outputs for each transfer to come, committed first.
        int transfers = blockSize * (blocks + 1);
        List<String> coins = new ArrayList<>();
        for (int start = 0; start < 2 * transfers; start += blockSize) {
            List<Envelope> mints = new ArrayList<>();
            for (int i = 0; i < blockSize; i++) {
                Envelope mint = net.transfer(minter, List.of(), List.of(new Out(alice.owner(), "USD", 10)));
                mints.add(mint);
                coins.add(TokenNetwork.key(TokenNetwork.txId(mint), 0));
            }
            net.validateAndCommit(plugin, net.block(mints), threads, IntStream.range(0, blockSize).boxed().toList());
        }
        List<Block> work = new ArrayList<>();
        for (int b = 0; b <= blocks; b++) {
            List<Envelope> txs = new ArrayList<>();
            for (int i = 0; i < blockSize; i++) {
                int t = b * blockSize + i;
                txs.add(net.transfer(alice, List.of(coins.get(2 * t), coins.get(2 * t + 1)),
                        List.of(new Out(bob.owner(), "USD", 15), new Out(alice.owner(), "USD", 5))));
            }
            work.add(net.block(txs));
        }
        List<Integer> order = IntStream.range(0, blockSize).boxed().toList();
        net.validateAndCommit(plugin, work.get(0), threads, order); // warm-up block
        // Only validation is timed; applying the writes (the ledger's part) is not.
        long validating = 0;
        int invalid = 0;
        for (int b = 1; b <= blocks; b++) {
            long start = System.nanoTime();
            Rejection[] verdicts = net.validate(plugin, work.get(b), threads, order);
            validating += System.nanoTime() - start;
            for (Rejection r : verdicts) {
                invalid += r == null ? 0 : 1;
            }
            net.validateAndCommit(net.plugin(), work.get(b), threads, order);
        }
        double utxoRate = blocks * blockSize / (validating / 1e9);

        // The bound: raw ECDSA P-256 verifications of the same endorsement signatures, same threads.
        EcPublicKey key = net.org1.peer().key().publicKey();
        byte[] message = new byte[300];
        byte[] signature = net.org1.peer().key().sign(message, HashFunction.SHA256);
        int verifies = blocks * blockSize;
        for (int i = 0; i < 500; i++) {
            key.verify(message, signature, HashFunction.SHA256);
        }
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < verifies / threads; i++) {
                    key.verify(message, signature, HashFunction.SHA256);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double verifyRate = (verifies / threads * threads) / ((System.nanoTime() - start) / 1e9);
        pool.shutdown();
        System.out.printf("UTXO validation: %d blocks of %d transfers (2 in / 2 out), %d threads, %d invalid%n",
                blocks, blockSize, threads, invalid);
        System.out.printf("  UtxoValidation     %8.0f tx/s%n", utxoRate);
        System.out.printf("  ECDSA P-256 verify %8.0f verifies/s (bound: 1 endorsement verify per tx)%n", verifyRate);
        System.out.printf("  ratio to the bound %8.2f%n", utxoRate / verifyRate);
    }
}
