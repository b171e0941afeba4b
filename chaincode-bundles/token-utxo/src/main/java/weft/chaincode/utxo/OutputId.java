package weft.chaincode.utxo;

import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.CompositeKey;

/**
 * Names an output: the transaction that created it and its position among that transaction's outputs, written
 * {@code txid:index}. The output is stored under the composite key {@code utxo / txid / index}.
 */
record OutputId(String txId, int index) {

    /** The composite key type of every output. */
    static final String OBJECT_TYPE = "utxo";

    /**
     * Parses {@code txid:index}; the index is a canonical decimal (no sign, no leading zero), so one output has
     * exactly one id.
     */
    static OutputId parse(String id) {
        int colon = id.lastIndexOf(':');
        if (colon <= 0 || colon == id.length() - 1) {
            throw new ChaincodeException("output id '" + id + "' is not of the form txid:index");
        }
        String txId = id.substring(0, colon);
        String index = id.substring(colon + 1);
        if (!index.chars().allMatch(c -> c >= '0' && c <= '9') || (index.length() > 1 && index.charAt(0) == '0')
                || index.length() > 9) {
            throw new ChaincodeException("output id '" + id + "' has an index that is not a canonical decimal");
        }
        try {
            CompositeKey.of(OBJECT_TYPE, txId, index);
        } catch (IllegalArgumentException e) {
            throw new ChaincodeException("output id '" + id + "' cannot be a key: " + e.getMessage());
        }
        return new OutputId(txId, Integer.parseInt(index));
    }

    /** Reads the id back from a stored output's key. */
    static OutputId fromKey(String key) {
        CompositeKey composite = CompositeKey.parse(key);
        return new OutputId(composite.attributes().get(0), Integer.parseInt(composite.attributes().get(1)));
    }

    String key() {
        return CompositeKey.of(OBJECT_TYPE, txId, Integer.toString(index)).toString();
    }

    @Override
    public String toString() {
        return txId + ":" + index;
    }
}
