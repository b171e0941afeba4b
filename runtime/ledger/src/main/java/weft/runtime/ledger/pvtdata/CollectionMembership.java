package weft.runtime.ledger.pvtdata;

import weft.runtime.ledger.state.WorldState;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * Whether this peer is a member of a private-data collection, i.e. whether it keeps the collection's clear values
 * (every peer keeps the hashes). Decided on committed state — the collection definitions in {@code _lifecycle} —
 * as of before the block being committed, or as of the snapshot a proposal is simulated on. The committer's
 * {@code PeerCollectionMembership} implements it from the chaincode definitions and the peer's MSP id.
 */
@FunctionalInterface
public interface CollectionMembership {

    /** A peer of no collection: it keeps hashes only. */
    CollectionMembership NONE = (namespace, collection, committed) -> false;

    /**
     * @param committed the committed state to read collection definitions from
     * @throws LedgerStoreException when the state cannot be read
     */
    boolean isMember(String namespace, String collection, WorldState committed) throws LedgerStoreException;
}
