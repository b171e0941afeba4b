package weft.runtime.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import weft.api.identity.IdentityDeserializer;
import weft.api.identity.IdentityException;

/**
 * The MSPs of a channel, by MSP id, and the cache of identities deserialized through them. Identities recur in
 * nearly every transaction (creators, endorsers, orderers), so each is decoded, chained and validated once.
 */
public final class MspManager implements IdentityDeserializer {

    /** Beyond this many distinct identities the cache starts over; far more than a channel's members. */
    private static final int CACHE_LIMIT = 10_000;

    private final Map<String, X509Msp> msps;
    private final Map<ByteString, MspIdentity> cache = new ConcurrentHashMap<>();

    public MspManager(Collection<X509Msp> msps) {
        Map<String, X509Msp> byId = new LinkedHashMap<>();
        for (X509Msp msp : msps) {
            if (byId.put(msp.id(), msp) != null) {
                throw new IllegalArgumentException("MSP " + msp.id() + " is defined twice");
            }
        }
        this.msps = Map.copyOf(byId);
    }

    public Optional<X509Msp> msp(String mspId) {
        return Optional.ofNullable(msps.get(mspId));
    }

    public Collection<X509Msp> msps() {
        return msps.values();
    }

    @Override
    public MspIdentity deserializeIdentity(ByteString serializedIdentity) throws IdentityException {
        MspIdentity cached = cache.get(serializedIdentity);
        if (cached != null) {
            return cached;
        }
        SerializedIdentity serialized;
        try {
            serialized = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            throw new IdentityException("malformed serialized identity: " + e.getMessage(), e);
        }
        X509Msp msp = msps.get(serialized.getMspid());
        if (msp == null) {
            throw new IdentityException("unknown MSP id '" + serialized.getMspid() + "' (known: "
                    + new TreeSet<>(msps.keySet()) + ")");
        }
        MspIdentity identity = msp.deserialize(serialized.getIdBytes());
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(serializedIdentity, identity);
        return identity;
    }
}
