package weft.runtime.endorser;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import weft.runtime.committer.lifecycle.ChaincodeDefinition;
import weft.runtime.committer.lifecycle.ChaincodeDefinitions;
import weft.runtime.endorser.simulation.TxSimulator;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * Resolves chaincodes from their definitions committed in {@code _lifecycle}, as Fabric v2's endorser does: the
 * definition gives version, endorsement plugin (default {@code escc}), init flag and collections; the key
 * {@code namespaces/fields/<name>/Sequence} is read through the simulator, so a definition committed between
 * endorsement and commit invalidates the transaction (MVCC_READ_CONFLICT). The package comes from this
 * organisation's approval ({@link ApprovedPackages}), or else from a development binding (chaincode name to
 * package id) given to the constructor.
 */
public final class LifecycleChaincodeResolver implements ChaincodeResolver {

    private final ApprovedPackages approvals;
    private final Map<String, String> devBindings;

    /** @param devBindings package ids by chaincode name, used when no approval names one */
    public LifecycleChaincodeResolver(ApprovedPackages approvals, Map<String, String> devBindings) {
        this.approvals = approvals;
        this.devBindings = Map.copyOf(devBindings);
    }

    @Override
    public ChaincodeBinding resolve(String channelId, String name, TxSimulator simulator)
            throws ChaincodeResolutionException {
        Optional<ChaincodeDefinition> found;
        try {
            found = new ChaincodeDefinitions(simulator.snapshot().state()).definition(name);
        } catch (LedgerStoreException e) {
            throw new ChaincodeResolutionException("cannot read the definition of chaincode " + name + ": "
                    + e.getMessage(), e);
        }
        // Recorded even when there is no definition, so that a definition committed meanwhile is noticed.
        simulator.getState(ChaincodeDefinitions.LIFECYCLE, "namespaces/fields/" + name + "/Sequence");
        if (found.isEmpty()) {
            throw new ChaincodeResolutionException("chaincode " + name + " is not defined on channel " + channelId);
        }
        ChaincodeDefinition definition = found.get();
        String packageId = approvals.packageId(simulator.snapshot(), name, definition.sequence())
                .or(() -> Optional.ofNullable(devBindings.get(name)))
                .orElseThrow(() -> new ChaincodeResolutionException("chaincode " + name + " is defined on channel "
                        + channelId + " (sequence " + definition.sequence() + ", version " + definition.version()
                        + "), but this peer's organisation approved no installed package for it"));
        Set<String> collections = new HashSet<>();
        for (CollectionConfig collection : definition.collections().getConfigList()) {
            collections.add(collection.getStaticCollectionConfig().getName());
        }
        String plugin = definition.endorsementPlugin().isEmpty() ? ChaincodeBinding.DEFAULT_ENDORSEMENT_PLUGIN
                : definition.endorsementPlugin();
        return new ChaincodeBinding(name, definition.version(), plugin, definition.initRequired(), collections,
                packageId);
    }
}
