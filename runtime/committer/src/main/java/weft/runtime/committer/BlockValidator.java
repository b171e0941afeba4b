package weft.runtime.committer;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.plugin.Dependency;
import weft.api.validation.EndorsedAction;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.InvalidTransactionException;
import weft.api.validation.SerializedPolicy;
import weft.api.validation.UpdatedValidationParameters;
import weft.api.validation.UpdatedValidationParameters.Key;
import weft.api.validation.ValidationPlugin;
import weft.runtime.handlers.HandlerUnavailableException;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.handlers.PluginReference;
import weft.runtime.handlers.ServedPlugin;
import weft.runtime.handlers.ValidationSnapshot;
import weft.runtime.committer.lifecycle.ChaincodeDefinitions;
import weft.runtime.committer.lifecycle.ValidationInfo;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * Validates a block as Fabric's v2.0 committer does, before MVCC: the orderer's signature, the per-transaction
 * checks, then for every written namespace the validation plugin its chaincode definition names, and finally the
 * in-block duplicate rule. Transactions are validated in parallel but deterministically: a transaction that writes
 * a key whose key-level policy an earlier transaction changes waits for that transaction's verdict, and is told
 * (as {@link UpdatedValidationParameters}) which of its keys such valid earlier transactions changed.
 */
public final class BlockValidator {

    private static final System.Logger LOG = System.getLogger(BlockValidator.class.getName());
    private static final String LIFECYCLE_ENDORSEMENT = "/Channel/Application/LifecycleEndorsement";

    /**
     * What validating a block needs from the channel.
     *
     * @param dependencies what the channel's validation plugins are initialised with
     */
    public record Context(ChannelConfig config, TransactionChecker.CommittedTxIds committed,
                          ChaincodeDefinitions definitions, ValidationPlugins plugins, Dependency... dependencies) {
    }

    private final ExecutorService pool;
    private final Duration pluginBudget;
    // Plugin calls in flight; a periodic sweep fails the ones past their budget. Cheaper per call than a timer each.
    private final Map<Long, PluginCall> calls = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();

    /** One plugin call being timed. */
    private record PluginCall(long startNanos, Thread thread, String description,
                              CompletableFuture<Map<String, Boolean>> verdict, AtomicBoolean expired) {
    }

    /**
     * @param pool         validates transactions; its queue must be FIFO (as a fixed thread pool's is), which keeps
     *                     waits on earlier transactions free of deadlock
     * @param watchdog     enforces the time budget: a plugin call still running when its budget ends makes the block
     *                     not validatable at once, and its thread is interrupted (plugin calls run on the pool's
     *                     threads, without a hand-off per call)
     * @param pluginBudget how long one plugin call may take before the block counts as not validatable
     */
    public BlockValidator(ExecutorService pool, ScheduledExecutorService watchdog, Duration pluginBudget) {
        this.pool = pool;
        this.pluginBudget = pluginBudget;
        long period = Math.max(5, pluginBudget.toMillis() / 4);
        watchdog.scheduleAtFixedRate(this::expireOverdueCalls, period, period, TimeUnit.MILLISECONDS);
    }

    /** Decides at once that a block cannot be validated when a plugin call overruns, even if it never returns. */
    private void expireOverdueCalls() {
        long now = System.nanoTime();
        for (PluginCall call : calls.values()) {
            if (now - call.startNanos() > pluginBudget.toNanos() && call.expired().compareAndSet(false, true)) {
                call.verdict().completeExceptionally(new CannotValidateException(call.description()
                        + " ran past its time budget of " + pluginBudget.toMillis() + " ms", null));
                call.thread().interrupt();
            }
        }
    }

    /**
     * Validates {@code block} (not a genesis block: a ledger is created from that unvalidated).
     *
     * @return one TxValidationCode per transaction, for the ledger's MVCC
     * @throws BlockSignatures.BlockRejectedException when the block is not signed as the channel requires
     * @throws CannotValidateException                when this peer cannot decide now; nothing is marked invalid
     */
    public byte[] validate(Block block, Context context)
            throws BlockSignatures.BlockRejectedException, CannotValidateException {
        BlockSignatures.verify(block, context.config());
        // One snapshot per block: every transaction sees the same instance per plugin name, and a plugin swapped
        // while the block is validated takes effect at the next block (or the next attempt at this one).
        try (ValidationSnapshot plugins = context.plugins().forBlock(context.dependencies())) {
            return validate(block, context, new BlockPlugins(plugins));
        }
    }

    /** A block's snapshot, and what it found out once per plugin string: the plugin, or why it may not be used. */
    private record BlockPlugins(ValidationSnapshot snapshot, Map<String, Object> byPluginString) {
        BlockPlugins(ValidationSnapshot snapshot) {
            this(snapshot, new ConcurrentHashMap<>());
        }
    }

    private byte[] validate(Block block, Context context, BlockPlugins plugins)
            throws CannotValidateException {
        TransactionChecker checker = new TransactionChecker(context.config(), context.committed());
        int count = block.getData().getDataCount();
        byte[] flags = new byte[count];
        Progress progress = new Progress(count);
        // Created up front so that each task can look at earlier ones without copying or racing the list.
        List<CompletableFuture<Map<String, Boolean>>> verdicts = new ArrayList<>(count);
        for (int tx = 0; tx < count; tx++) {
            verdicts.add(new CompletableFuture<>());
        }
        // A block's transactions mostly invoke the same few chaincodes: look each definition up once per block.
        Map<String, Optional<ValidationInfo>> definitions = new ConcurrentHashMap<>();
        for (int tx = 0; tx < count; tx++) {
            int position = tx;
            CompletableFuture<Map<String, Boolean>> verdict = verdicts.get(tx);
            // One task per transaction does its checks and then its plugin calls while its parsed data is still
            // in the core's cache, and no thread waits for the whole block between the two.
            pool.execute(() -> {
                TransactionCheck check = null;
                try {
                    check = checker.check(position, block.getData().getData(position));
                } catch (LedgerException e) {
                    verdict.completeExceptionally(new CannotValidateException("block "
                            + block.getHeader().getNumber() + ": " + e.getMessage(), e));
                } catch (RuntimeException | Error e) {
                    verdict.completeExceptionally(e);
                } finally {
                    progress.record(position, check);
                }
                if (check == null) {
                    return;
                }
                try {
                    verdict.complete(validateTransaction(block, position, check, progress, verdicts, flags, context,
                            definitions, plugins, verdict));
                } catch (CompletionException e) {
                    verdict.completeExceptionally(e.getCause());
                } catch (RuntimeException | Error e) {
                    verdict.completeExceptionally(e);
                }
            });
        }
        CannotValidateException failure = null;
        for (CompletableFuture<Map<String, Boolean>> verdict : verdicts) {
            try {
                verdict.join();
            } catch (CompletionException e) {
                if (failure == null) { // the lowest-positioned failure, as Fabric reports it
                    failure = e.getCause() instanceof CannotValidateException c ? c
                            : new CannotValidateException("validating block " + block.getHeader().getNumber()
                                    + " failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        List<String> txIds = new ArrayList<>(count);
        for (int tx = 0; tx < count; tx++) {
            txIds.add(progress.check(tx).transaction().map(ParsedTransaction::txId).orElse(null));
        }
        BlockChecks.markDuplicatesWithinBlock(flags, txIds);
        return flags;
    }

    /**
     * Which transactions of a block have been checked, and which of them write key metadata. A transaction asks
     * about the ones before it; since the pool starts tasks in block order, those are done or running, so the
     * wait is short and cannot deadlock.
     */
    private static final class Progress {
        private final TransactionCheck[] checks;
        private final Set<Key>[] metadataWrites;
        private final List<CompletableFuture<Void>> recorded;
        private final ConcurrentSkipListSet<Integer> metadataWriters = new ConcurrentSkipListSet<>();
        // Every transaction below this one is known to be recorded; saves re-joining them for each later one.
        private final AtomicInteger recordedPrefix = new AtomicInteger();

        @SuppressWarnings("unchecked")
        Progress(int count) {
            checks = new TransactionCheck[count];
            metadataWrites = new Set[count];
            recorded = new ArrayList<>(count);
            for (int tx = 0; tx < count; tx++) {
                recorded.add(new CompletableFuture<>());
            }
        }

        /** Records a transaction's checks; null when checking it failed (it then writes nothing). */
        void record(int position, TransactionCheck check) {
            checks[position] = check;
            Set<Key> metadata = check == null ? Set.of() : check.transaction().map(t -> keys(t, true)).orElse(Set.of());
            metadataWrites[position] = metadata;
            if (!metadata.isEmpty()) {
                metadataWriters.add(position);
            }
            recorded.get(position).complete(null); // publishes the fields above to whoever joins it
        }

        TransactionCheck check(int position) {
            return checks[position];
        }

        /** The earlier transactions that write key metadata, once all transactions before this one are checked. */
        Set<Integer> metadataWritersBefore(int position) {
            for (int tx = recordedPrefix.get(); tx < position; tx++) {
                recorded.get(tx).join();
            }
            recordedPrefix.accumulateAndGet(position, Math::max);
            return metadataWriters.headSet(position);
        }

        Set<Key> metadataWrites(int position) {
            return metadataWrites[position];
        }
    }

    /** One transaction's plugin phase; returns its verdict per validated namespace (true = valid). */
    private Map<String, Boolean> validateTransaction(Block block, int position, TransactionCheck check,
                                                     Progress progress,
                                                     List<CompletableFuture<Map<String, Boolean>>> verdicts,
                                                     byte[] flags, Context context,
                                                     Map<String, Optional<ValidationInfo>> definitions,
                                                     BlockPlugins plugins,
                                                     CompletableFuture<Map<String, Boolean>> verdict) {
        flags[position] = (byte) check.code().getNumber();
        Map<String, Boolean> results = new HashMap<>();
        if (check.code() != TxValidationCode.VALID || !check.transaction().get().isEndorserTransaction()) {
            return results;
        }
        ParsedTransaction transaction = check.transaction().get();
        UpdatedValidationParameters updated = updatedBefore(position, progress, keys(transaction, false), verdicts);
        ParsedTransaction.Endorsed endorsed = transaction.endorsed();
        EndorsedAction endorsedAction = new EndorsedAction(endorsed.actionPayload().getAction().getProposalResponsePayload(),
                endorsed.actionPayload().getAction().getEndorsementsList(), endorsed.rwset());
        try {
            for (String namespace : transaction.namespaces()) {
                Optional<ValidationInfo> info = definitions.get(namespace);
                if (info == null) {
                    info = context.definitions().validationInfo(namespace,
                            context.config().policies().exists(LIFECYCLE_ENDORSEMENT),
                            List.copyOf(context.config().applicationOrganizations().keySet()));
                    definitions.put(namespace, info);
                }
                if (info.isEmpty() || info.get().plugin().isEmpty() || info.get().policy().isEmpty()) {
                    flags[position] = (byte) TxValidationCode.INVALID_CHAINCODE_VALUE;
                    LOG.log(System.Logger.Level.DEBUG, "tx {0}: chaincode {1} is not defined", position, namespace);
                    results.put(namespace, false);
                    return results;
                }
                boolean valid = callPlugin(block, position, namespace, info.get(), updated, endorsedAction, plugins,
                        verdict);
                results.put(namespace, valid);
                if (!valid) {
                    flags[position] = (byte) TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE;
                    return results;
                }
            }
            return results;
        } catch (LedgerStoreException e) {
            throw new CompletionException(new CannotValidateException("block " + block.getHeader().getNumber()
                    + " tx " + position + ": cannot read chaincode definitions: " + e.getMessage(), e));
        } catch (CannotValidateException e) {
            throw new CompletionException(e);
        }
    }

    /** Keys this transaction writes whose key-level policy a valid earlier transaction of the block changed. */
    private static UpdatedValidationParameters updatedBefore(int position, Progress progress, Set<Key> ownWrites,
                                                             List<CompletableFuture<Map<String, Boolean>>> earlier) {
        Set<Key> updated = new HashSet<>();
        if (ownWrites.isEmpty()) {
            return UpdatedValidationParameters.NONE;
        }
        for (int i : progress.metadataWritersBefore(position)) {
            Set<Key> changed = progress.metadataWrites(i);
            Set<Key> overlap = new HashSet<>(ownWrites);
            overlap.retainAll(changed);
            if (overlap.isEmpty()) {
                continue;
            }
            // Waiting on an earlier transaction cannot deadlock: the pool started it before this one.
            Map<String, Boolean> verdict = earlier.get(i).join();
            for (Key key : overlap) {
                if (Boolean.TRUE.equals(verdict.get(key.namespace()))) {
                    updated.add(key);
                }
            }
        }
        return updated.isEmpty() ? UpdatedValidationParameters.NONE : new UpdatedValidationParameters(updated);
    }

    private boolean callPlugin(Block block, int position, String namespace, ValidationInfo info,
                               UpdatedValidationParameters updated, EndorsedAction parsed, BlockPlugins plugins,
                               CompletableFuture<Map<String, Boolean>> verdict) throws CannotValidateException {
        String where = "block " + block.getHeader().getNumber() + " tx " + position + " namespace " + namespace;
        Object resolved = plugins.byPluginString().computeIfAbsent(info.plugin(), text -> resolve(text, plugins));
        if (resolved instanceof String problem) {
            throw new CannotValidateException(where + ": " + problem, null);
        }
        ValidationPlugin plugin = (ValidationPlugin) resolved;
        long id = callIds.incrementAndGet();
        PluginCall timed = new PluginCall(System.nanoTime(), Thread.currentThread(),
                where + ": validation plugin '" + info.plugin() + "'", verdict, new AtomicBoolean());
        calls.put(id, timed);
        try {
            plugin.validate(block, namespace, position, 0, new SerializedPolicy(info.policy()), updated, parsed);
            return true;
        } catch (InvalidTransactionException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", where, e.getMessage());
            return false;
        } catch (ExecutionFailureException e) {
            throw new CannotValidateException(where + ": validation plugin '" + info.plugin()
                    + "' could not decide: " + e.getMessage(), e);
        } catch (LinkageError e) {
            // Plugin code that cannot be loaded says nothing about the transaction: its bundle went away under it.
            throw new CannotValidateException(where + ": validation plugin '" + info.plugin()
                    + "' could not load its code (was its bundle updated or removed?): " + e, e);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            // Any other failure of plugin code marks the transaction invalid and must not take the peer down.
            LOG.log(System.Logger.Level.WARNING, where + ": validation plugin '" + info.plugin() + "' failed: " + e);
            return false;
        } finally {
            calls.remove(id);
            if (timed.expired().get()) {
                Thread.interrupted(); // the sweep interrupted this call: clear it before the thread serves others
            }
        }
    }

    /**
     * The plugin a definition's plugin string names, from the block's snapshot, or why this peer may not use it:
     * not available, or not the code the definition pins. A pin that does not match is never a verdict: the peer
     * cannot validate the chaincode's transactions as the definition agreed, so it does not validate them at all.
     */
    private static Object resolve(String pluginText, BlockPlugins plugins) {
        PluginReference reference;
        try {
            reference = PluginReference.parse(pluginText);
        } catch (IllegalArgumentException e) {
            return "the chaincode definition's validation plugin '" + pluginText + "' is not a plugin name or a "
                    + "valid pin: " + e.getMessage();
        }
        ServedPlugin<ValidationPlugin> served;
        try {
            served = plugins.snapshot().validationPlugin(reference.pluginName());
        } catch (HandlerUnavailableException | RuntimeException e) {
            return "validation plugin '" + reference.pluginName() + "' is not available: " + e.getMessage();
        }
        if (reference.pin().isPresent() && !reference.pin().equals(served.identity())) {
            return "the chaincode definition pins validation plugin '" + reference.pluginName() + "' to "
                    + reference.pin().get() + ", but this peer's '" + reference.pluginName() + "' is "
                    + served.identity().map(PluginIdentity::toString).orElse("of unknown identity")
                    + "; not validating with a different plugin";
        }
        return served.plugin();
    }

    /** The keys a transaction writes (values and metadata) or, with {@code metadataOnly}, whose metadata it writes. */
    private static Set<Key> keys(ParsedTransaction transaction, boolean metadataOnly) {
        if (!transaction.isEndorserTransaction()) {
            return Set.of();
        }
        Set<Key> keys = new HashSet<>();
        for (ParsedTransaction.Namespace ns : transaction.endorsed().namespaces()) {
            if (!metadataOnly) {
                for (KVWrite write : ns.rwset().getWritesList()) {
                    keys.add(new Key(ns.name(), "", ByteString.copyFrom(write.getKey(), StandardCharsets.UTF_8)));
                }
            }
            for (KVMetadataWrite write : ns.rwset().getMetadataWritesList()) {
                keys.add(new Key(ns.name(), "", ByteString.copyFrom(write.getKey(), StandardCharsets.UTF_8)));
            }
            for (ParsedTransaction.Collection collection : ns.collections()) {
                if (!metadataOnly) {
                    for (KVWriteHash write : collection.hashed().getHashedWritesList()) {
                        keys.add(new Key(ns.name(), collection.name(), write.getKeyHash()));
                    }
                }
                for (KVMetadataWriteHash write : collection.hashed().getMetadataWritesList()) {
                    keys.add(new Key(ns.name(), collection.name(), write.getKeyHash()));
                }
            }
        }
        return keys;
    }
}
