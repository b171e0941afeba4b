package weft.runtime.lifecycle.state;

import com.google.protobuf.ByteString;

/** Key-value state the serializer writes into (writes become the transaction's write set). */
public interface WritableState extends ReadableState {

    void put(String key, ByteString value) throws StateException;

    void delete(String key) throws StateException;
}
