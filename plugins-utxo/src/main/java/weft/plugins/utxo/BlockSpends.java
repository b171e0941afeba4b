package weft.plugins.utxo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.hyperledger.fabric.protos.common.Block;
import weft.api.validation.ExecutionFailureException;

/**
 * What UTXO validation knows about one block for one namespace: each transaction parsed once, which transactions
 * spend each output, and each transaction's verdict by the plugin's own rules. The committer validates the
 * block's transactions in parallel; a transaction that spends an output an earlier one also spends needs that
 * earlier one's verdict, and whichever thread gets there first computes it, the others wait for it. Dependencies
 * only point to earlier positions, so waits cannot form a cycle.
 */
final class BlockSpends {

    /** Computes one transaction's verdict apart from spends within the block; empty = valid so far. */
    interface OwnRules {
        Optional<UtxoRejection> check(UtxoTransaction transaction) throws ExecutionFailureException;
    }

    final Block block;
    final String namespace;
    private final UtxoTransaction.Creators creators;
    private final AtomicReferenceArray<CompletableFuture<UtxoTransaction>> parsed;
    private final AtomicReferenceArray<CompletableFuture<Optional<UtxoRejection>>> verdicts;
    private final ConcurrentHashMap<String, ConcurrentSkipListSet<Integer>> spenders = new ConcurrentHashMap<>();
    // Every transaction below this position is parsed and indexed.
    private final AtomicInteger indexedPrefix = new AtomicInteger();

    BlockSpends(Block block, String namespace, UtxoTransaction.Creators creators) {
        this.block = block;
        this.namespace = namespace;
        this.creators = creators;
        int count = block.getData().getDataCount();
        parsed = new AtomicReferenceArray<>(count);
        verdicts = new AtomicReferenceArray<>(count);
    }

    int size() {
        return parsed.length();
    }

    /** Transaction {@code position}, parsed and its spends indexed by this thread or another. */
    UtxoTransaction transaction(int position) {
        CompletableFuture<UtxoTransaction> slot = parsed.get(position);
        if (slot == null) {
            CompletableFuture<UtxoTransaction> mine = new CompletableFuture<>();
            if (parsed.compareAndSet(position, null, mine)) {
                try {
                    UtxoTransaction transaction = UtxoTransaction.parse(block, position, namespace, creators);
                    for (String input : transaction.inputs()) {
                        spenders.computeIfAbsent(input, k -> new ConcurrentSkipListSet<>()).add(position);
                    }
                    mine.complete(transaction); // publishes the index entries above to whoever joins it
                    return transaction;
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
            slot = parsed.get(position);
        }
        return slot.join();
    }

    /** The earlier transactions of the block that spend any of {@code inputs}, in block order. */
    SortedSet<Integer> earlierSpenders(int position, List<String> inputs) {
        for (int tx = indexedPrefix.get(); tx < position; tx++) {
            transaction(tx);
        }
        indexedPrefix.accumulateAndGet(position, Math::max);
        SortedSet<Integer> earlier = new TreeSet<>();
        for (String input : inputs) {
            ConcurrentSkipListSet<Integer> positions = spenders.get(input);
            if (positions != null) {
                earlier.addAll(positions.headSet(position));
            }
        }
        return earlier;
    }

    /**
     * The verdict on transaction {@code position}: its own rules, then no input spent by an earlier transaction
     * of the block that is valid by the same rules (the first valid spend wins). Memoised; an execution failure is
     * not, so the block can be tried again.
     */
    Optional<UtxoRejection> verdict(int position, OwnRules rules) throws ExecutionFailureException {
        CompletableFuture<Optional<UtxoRejection>> slot = verdicts.get(position);
        if (slot != null) {
            return join(slot);
        }
        // Decide every earlier transaction this one depends on, transitively, lowest first: each then finds its
        // own dependencies decided, and the call depth stays constant however long a chain of conflicts is.
        for (int dependency : dependencies(position)) {
            if (verdicts.get(dependency) == null) {
                decide(dependency, rules);
            }
        }
        return decide(position, rules);
    }

    private Optional<UtxoRejection> decide(int position, OwnRules rules) throws ExecutionFailureException {
        CompletableFuture<Optional<UtxoRejection>> mine = new CompletableFuture<>();
        if (!verdicts.compareAndSet(position, null, mine)) {
            return join(verdicts.get(position));
        }
        try {
            Optional<UtxoRejection> verdict = decideNow(position, rules);
            mine.complete(verdict);
            return verdict;
        } catch (ExecutionFailureException | RuntimeException | Error e) {
            verdicts.compareAndSet(position, mine, null); // not a verdict: a retry decides afresh
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Optional<UtxoRejection> decideNow(int position, OwnRules rules) throws ExecutionFailureException {
        UtxoTransaction transaction = transaction(position);
        if (transaction.rejection() != null) {
            return Optional.of(transaction.rejection());
        }
        Optional<UtxoRejection> own = rules.check(transaction);
        if (own.isPresent()) {
            return own;
        }
        for (int earlier : earlierSpenders(position, transaction.inputs())) {
            if (verdict(earlier, rules).isEmpty()) {
                List<String> shared = new ArrayList<>(transaction.inputs());
                shared.retainAll(transaction(earlier).inputs());
                return Optional.of(new UtxoRejection(Rejection.DOUBLE_SPEND_IN_BLOCK, "transaction " + earlier
                        + " of this block, which is valid, already spends "
                        + shared.stream().map(k -> k.replace('\u0000', '/')).toList()));
            }
        }
        return Optional.empty();
    }

    /** The earlier transactions whose verdicts {@code position}'s verdict depends on, transitively, ascending. */
    private SortedSet<Integer> dependencies(int position) {
        SortedSet<Integer> all = new TreeSet<>();
        List<Integer> todo = new ArrayList<>(List.of(position));
        while (!todo.isEmpty()) {
            int tx = todo.remove(todo.size() - 1);
            for (int earlier : earlierSpenders(tx, transaction(tx).inputs())) {
                if (all.add(earlier)) {
                    todo.add(earlier);
                }
            }
        }
        return all;
    }

    private static Optional<UtxoRejection> join(CompletableFuture<Optional<UtxoRejection>> slot)
            throws ExecutionFailureException {
        try {
            return slot.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ExecutionFailureException failure) {
                throw new ExecutionFailureException(failure.getMessage(), failure);
            }
            throw e;
        }
    }
}
