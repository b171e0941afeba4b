package weft.launcher.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to generate: {@code organizations} peer organisations with their peers, users and admins, optionally an
 * orderer organisation, on {@code curve} ({@code P-256} or {@code P-384}), certificates valid for {@code validityDays}.
 */
public record CryptoRequest(Path output, int organizations, int peersPerOrganization, int usersPerOrganization,
                            int adminsPerOrganization, boolean ordererOrganization, String curve, int validityDays) {

    public CryptoRequest {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(curve, "curve");
    }
}
