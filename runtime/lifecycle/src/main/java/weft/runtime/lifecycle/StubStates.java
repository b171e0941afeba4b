package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import java.util.SortedMap;
import java.util.TreeMap;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.KeyValue;
import weft.api.chaincode.QueryResults;
import weft.runtime.lifecycle.state.OpaqueState;
import weft.runtime.lifecycle.state.RangeableState;
import weft.runtime.lifecycle.state.WritableState;

/**
 * Lifecycle state seen through the chaincode stub, so every read and write the lifecycle makes lands in the
 * proposal's read-write set exactly as Fabric's would: public state of {@code _lifecycle}, and an organisation's
 * implicit collection (values where this peer holds them, hashes everywhere).
 */
final class StubStates {

    private StubStates() {
    }

    /** The {@code _lifecycle} namespace's public state. */
    static PublicState publicState(ChaincodeStub stub) {
        return new PublicState(stub);
    }

    /** One organisation's implicit collection. */
    static PrivateState privateState(ChaincodeStub stub, String collection) {
        return new PrivateState(stub, collection);
    }

    record PublicState(ChaincodeStub stub) implements WritableState, RangeableState {

        @Override
        public ByteString get(String key) {
            return stub.getState(key);
        }

        @Override
        public void put(String key, ByteString value) {
            stub.putState(key, value);
        }

        @Override
        public void delete(String key) {
            stub.delState(key);
        }

        @Override
        public SortedMap<String, ByteString> range(String prefix) {
            // Fabric's lifecycle keys are ASCII below 0x7f, so this bound ends the prefix's range.
            SortedMap<String, ByteString> result = new TreeMap<>();
            try (QueryResults<KeyValue> results = stub.getStateByRange(prefix, prefix + "\u007f")) {
                for (KeyValue kv : results) {
                    result.put(kv.key(), kv.value());
                }
            }
            return result;
        }
    }

    record PrivateState(ChaincodeStub stub, String collection) implements WritableState, OpaqueState {

        @Override
        public ByteString get(String key) {
            return stub.getPrivateData(collection, key);
        }

        @Override
        public void put(String key, ByteString value) {
            stub.putPrivateData(collection, key, value);
        }

        @Override
        public void delete(String key) {
            stub.delPrivateData(collection, key);
        }

        @Override
        public ByteString hash(String key) {
            return stub.getPrivateDataHash(collection, key);
        }
    }
}
