package weft.runtime.lifecycle.state;

import com.google.protobuf.ByteString;
import java.util.SortedMap;

/** State that can list the keys starting with a prefix. */
@FunctionalInterface
public interface RangeableState {

    /** Every key that starts with {@code prefix} (Fabric's keys are ASCII), with its value, in key order. */
    SortedMap<String, ByteString> range(String prefix) throws StateException;
}
