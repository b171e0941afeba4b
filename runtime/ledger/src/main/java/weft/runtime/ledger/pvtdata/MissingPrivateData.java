package weft.runtime.ledger.pvtdata;

import java.util.Objects;

/**
 * A collection of a valid committed transaction whose clear private writes this peer should hold (it is a member)
 * but does not: they were not in the transient store, or they did not match the hashes the transaction carries.
 * The transaction's validity and its public and hashed writes are unaffected, as in Fabric; reads of the keys it
 * wrote fail on this peer until the data is supplied.
 */
public record MissingPrivateData(long blockNum, long txNum, String namespace, String collection, String reason) {

    public MissingPrivateData {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(reason, "reason");
    }
}
