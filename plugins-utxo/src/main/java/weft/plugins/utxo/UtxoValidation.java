package weft.plugins.utxo;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import weft.api.plugin.Dependencies;
import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;
import weft.api.validation.ContextDatum;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.InvalidTransactionException;
import weft.api.validation.PolicyEvaluator;
import weft.api.validation.PolicyNotSatisfiedException;
import weft.api.validation.SerializedPolicy;
import weft.api.validation.State;
import weft.api.validation.StateFetcher;
import weft.api.validation.ValidationPlugin;

/**
 * Validates UTXO token transactions of the token-utxo chaincode's layout from their read-write sets: the
 * chaincode's endorsement policy, created outputs fresh and well formed, every spent output unspent in committed
 * state and owned by the creator, per-type conservation (or the mint rule), and no output spent by an earlier
 * valid transaction of the same block. Every rejection is a {@link UtxoRejection} with its {@link Rejection}.
 */
final class UtxoValidation implements ValidationPlugin {

    /** Blocks whose spends and verdicts are kept; the committer works on one block of a channel at a time. */
    private static final int BLOCKS_KEPT = 4;

    private final String minterMspId;
    private final UtxoTransaction.Creators creators = new UtxoTransaction.Creators();
    private final Deque<BlockSpends> recent = new ArrayDeque<>();
    private volatile PolicyEvaluator policies;
    private volatile StateFetcher states;

    UtxoValidation(String minterMspId) {
        this.minterMspId = minterMspId;
    }

    @Override
    public void init(Dependency... dependencies) throws PluginInitException {
        policies = Dependencies.require(PolicyEvaluator.class, dependencies);
        states = Dependencies.require(StateFetcher.class, dependencies);
    }

    @Override
    public void validate(Block block, String namespace, int txPosition, int actionPosition, ContextDatum... contextData)
            throws InvalidTransactionException, ExecutionFailureException {
        if (policies == null) {
            throw new ExecutionFailureException("UtxoValidation was not initialised");
        }
        ByteString policy = null;
        for (ContextDatum datum : contextData) {
            if (datum instanceof SerializedPolicy serialized) {
                policy = serialized.bytes();
            }
        }
        if (policy == null) {
            throw new ExecutionFailureException("no endorsement policy (SerializedPolicy) was passed for " + namespace);
        }
        BlockSpends spends = spends(block, namespace);
        if (txPosition < 0 || txPosition >= spends.size()) {
            throw new UtxoRejection(Rejection.MALFORMED_TRANSACTION, "the block has no transaction " + txPosition);
        }
        if (actionPosition != 0) {
            throw new UtxoRejection(Rejection.MALFORMED_TRANSACTION, "a UTXO transaction has a single action");
        }
        ByteString chaincodePolicy = policy;
        Optional<UtxoRejection> verdict = spends.verdict(txPosition, tx -> ownRules(tx, namespace, chaincodePolicy));
        if (verdict.isPresent()) {
            throw verdict.get().copy();
        }
    }

    /** The block's shared record, found by identity or, for a re-parsed copy of the same block, by content. */
    private BlockSpends spends(Block block, String namespace) {
        synchronized (recent) {
            for (BlockSpends spends : recent) {
                if (spends.block == block && spends.namespace.equals(namespace)) {
                    return spends;
                }
            }
            for (BlockSpends spends : recent) {
                if (spends.namespace.equals(namespace) && spends.block.getHeader().equals(block.getHeader())
                        && spends.block.getData().equals(block.getData())) {
                    return spends;
                }
            }
            BlockSpends spends = new BlockSpends(block, namespace, creators);
            recent.addFirst(spends);
            if (recent.size() > BLOCKS_KEPT) {
                recent.removeLast();
            }
            return spends;
        }
    }

    /** Every rule but spends within the block; empty = valid by them. */
    private Optional<UtxoRejection> ownRules(UtxoTransaction tx, String namespace, ByteString chaincodePolicy)
            throws ExecutionFailureException {
        try {
            policies.evaluate(chaincodePolicy, tx.signatures());
        } catch (PolicyNotSatisfiedException e) {
            return Optional.of(new UtxoRejection(Rejection.ENDORSEMENT_POLICY_FAILURE,
                    "the chaincode's endorsement policy is not satisfied: " + e.getMessage()));
        }
        Map<String, Long> in = new TreeMap<>();
        if (!tx.inputs().isEmpty()) {
            Map<String, ByteString> committed;
            try (State state = states.fetchState()) {
                committed = state.getStateMultipleKeys(namespace, tx.inputs());
            }
            for (String input : tx.inputs()) {
                String id = input.substring(UtxoTransaction.OBJECT_TYPE.length() + 2, input.length() - 1).replace('\u0000', ':');
                ByteString value = committed.get(input);
                if (value == null || value.isEmpty()) {
                    return reject(Rejection.INPUT_NOT_UNSPENT, "output " + id + " does not exist or has been spent");
                }
                TokenOutput held;
                try {
                    held = TokenOutput.parse(value.toString(StandardCharsets.UTF_8), "committed output " + id);
                } catch (UtxoRejection e) {
                    return Optional.of(e);
                }
                if (!held.owner().equals(tx.creatorOwner())) {
                    return reject(Rejection.WRONG_OWNER, "output " + id + " belongs to " + held.owner()
                            + ", not to the creator " + tx.creatorOwner());
                }
                Optional<UtxoRejection> overflow = add(in, held, "inputs");
                if (overflow.isPresent()) {
                    return overflow;
                }
            }
        }
        Map<String, Long> out = new TreeMap<>();
        for (TokenOutput output : tx.outputs()) {
            Optional<UtxoRejection> overflow = add(out, output, "outputs");
            if (overflow.isPresent()) {
                return overflow;
            }
        }
        if (tx.inputs().isEmpty()) {
            if (!tx.outputs().isEmpty() && !tx.creatorMsp().equals(minterMspId)) {
                return reject(Rejection.MINT_NOT_ALLOWED, "it creates tokens from nothing, but its creator is of "
                        + tx.creatorMsp() + " and only " + minterMspId + " mints");
            }
            return Optional.empty();
        }
        if (!in.equals(out)) {
            return reject(Rejection.UNBALANCED, "per type, inputs hold " + in + " but outputs " + out);
        }
        return Optional.empty();
    }

    private static Optional<UtxoRejection> add(Map<String, Long> totals, TokenOutput output, String side) {
        try {
            totals.merge(output.type(), output.amount(), Math::addExact);
            return Optional.empty();
        } catch (ArithmeticException e) {
            return reject(Rejection.AMOUNT_OVERFLOW, "the " + side + " of type " + output.type()
                    + " total more than 64 bits hold");
        }
    }

    private static Optional<UtxoRejection> reject(Rejection reason, String detail) {
        return Optional.of(new UtxoRejection(reason, detail));
    }
}
