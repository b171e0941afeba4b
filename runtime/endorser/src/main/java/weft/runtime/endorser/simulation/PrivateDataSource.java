package weft.runtime.endorser.simulation;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * Where the simulator reads clear private values. Weft's ledger keeps only their hashes so far, so the default
 * source has none: a private read of a key whose hash is committed then fails with a clear message, while a
 * read of a key that has no hash (so no value anywhere) is answered as empty. A private data store plugs in here.
 */
@FunctionalInterface
public interface PrivateDataSource {

    /** A source with no values. */
    PrivateDataSource NONE = (namespace, collection, key) -> Optional.empty();

    /** The committed clear value of {@code key} in {@code collection} of {@code namespace}, if this peer holds it. */
    Optional<ByteString> value(String namespace, String collection, String key);
}
