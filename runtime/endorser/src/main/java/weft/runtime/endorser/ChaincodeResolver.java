package weft.runtime.endorser;

import weft.runtime.endorser.simulation.TxSimulator;

/**
 * Tells the endorser how to run a chaincode for a proposal: its definition (version, endorsement plugin, init
 * flag, collections) and the package id of the installed bundle that serves it.
 * {@link LifecycleChaincodeResolver} reads definitions from {@code _lifecycle}; the lifecycle supplies this
 * organisation's approved package ids to it.
 */
@FunctionalInterface
public interface ChaincodeResolver {

    /**
     * Resolves {@code name} on {@code channelId}, reading the definition from the simulator's snapshot; reads
     * that must be re-checked at commit (Fabric's read of the definition's sequence) go through the simulator.
     *
     * @throws ChaincodeResolutionException naming why the chaincode cannot run
     */
    ChaincodeBinding resolve(String channelId, String name, TxSimulator simulator) throws ChaincodeResolutionException;
}
