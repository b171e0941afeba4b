package weft.api.chaincode;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Objects;

/**
 * One committed change of a key, from {@link ChaincodeStub#getHistoryForKey}: the transaction that made it, that
 * transaction's timestamp, and the value it wrote ({@code deleted} with an empty value for a delete).
 */
public record KeyModification(String txId, Instant timestamp, ByteString value, boolean deleted) {

    public KeyModification {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(value, "value");
    }
}
