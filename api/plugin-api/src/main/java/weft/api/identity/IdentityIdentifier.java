package weft.api.identity;

import java.util.Objects;

/** Names an identity uniquely: its MSP and the hex SHA-256 of its (sanitised) certificate. */
public record IdentityIdentifier(String mspId, String id) {

    public IdentityIdentifier {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(id, "id");
    }
}
