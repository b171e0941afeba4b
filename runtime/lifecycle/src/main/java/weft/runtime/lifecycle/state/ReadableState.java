package weft.runtime.lifecycle.state;

import com.google.protobuf.ByteString;

/** Key-value state the serializer reads: public state, or one collection's private values. */
@FunctionalInterface
public interface ReadableState {

    /** The value of {@code key}; empty when it has none. */
    ByteString get(String key) throws StateException;
}
