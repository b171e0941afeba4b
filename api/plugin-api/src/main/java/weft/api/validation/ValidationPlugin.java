package weft.api.validation;

import org.hyperledger.fabric.protos.common.Block;
import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;

/**
 * Validates one action of one transaction in a block. One instance per channel; the peer calls {@link #init}
 * once with its dependencies, then {@link #validate} from several threads at once for the transactions of a
 * block, so implementations must be thread-safe and deterministic: the same block and committed state must
 * give the same verdict on every peer, whatever the thread count.
 */
public interface ValidationPlugin {

    /**
     * Receives what the plugin needs from the peer: an {@link weft.api.identity.IdentityDeserializer}, a
     * {@link PolicyEvaluator} and a {@link StateFetcher}; a plugin takes what it needs by type.
     *
     * @throws PluginInitException when a required dependency is missing; the instance is then discarded
     */
    void init(Dependency... dependencies) throws PluginInitException;

    /**
     * Validates the action at {@code actionPosition} of the transaction at {@code txPosition} of {@code block},
     * for chaincode namespace {@code namespace}. Returning normally means valid.
     *
     * @param contextData what the committer knows about the namespace; first the chaincode's endorsement
     *                    policy as a {@link SerializedPolicy}
     * @throws InvalidTransactionException when the transaction is invalid for this namespace
     * @throws ExecutionFailureException   when the plugin cannot decide (state unavailable, timeout); the block
     *                                     is not committed and nothing is marked invalid
     */
    void validate(Block block, String namespace, int txPosition, int actionPosition, ContextDatum... contextData)
            throws InvalidTransactionException, ExecutionFailureException;
}
