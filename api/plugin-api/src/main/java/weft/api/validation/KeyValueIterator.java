package weft.api.validation;

import java.util.Iterator;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.osgi.annotation.versioning.ProviderType;

/** The results of a range scan, in key order, as Fabric's {@code queryresult.KV} messages. Close when done. */
@ProviderType
public interface KeyValueIterator extends Iterator<KV>, AutoCloseable {

    @Override
    void close();
}
