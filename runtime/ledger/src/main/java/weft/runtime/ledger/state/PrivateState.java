package weft.runtime.ledger.state;

/**
 * Where the clear values of private data live in world state: namespace {@code <chaincode>$$p<collection>}
 * (Fabric's naming), keyed by the clear key, each value carrying the version of the transaction that wrote it —
 * the same version its hash has in {@link HashedState}. Only peers that are members of the collection hold these;
 * they are never part of the commit hash, the history index or anything else that peers compare.
 */
public final class PrivateState {

    private PrivateState() {
    }

    public static String namespace(String chaincode, String collection) {
        return chaincode + "$$p" + collection;
    }
}
