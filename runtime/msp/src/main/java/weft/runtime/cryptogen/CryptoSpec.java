package weft.runtime.cryptogen;

import java.time.Duration;
import java.util.Objects;
import weft.runtime.crypto.Curve;

/**
 * What {@link CryptoMaterialGenerator} creates: {@code organizations} peer organisations ({@code Org1MSP} with
 * domain {@code org1.example.com}, …), each with peers, client users and admins, and optionally an orderer
 * organisation ({@code OrdererMSP}, {@code example.com}) with one orderer.
 */
public record CryptoSpec(int organizations, int peersPerOrganization, int usersPerOrganization,
                         int adminsPerOrganization, boolean ordererOrganization, Curve curve, Duration validity) {

    /** Upper bound on organisations, to catch typos such as {@code --orgs 1000}. */
    public static final int MAX_ORGANIZATIONS = 100;
    /** Upper bound on identities of one kind per organisation. */
    public static final int MAX_PER_ORGANIZATION = 1000;

    public CryptoSpec {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(validity, "validity");
        require(organizations >= 1 && organizations <= MAX_ORGANIZATIONS,
                "organizations must be between 1 and " + MAX_ORGANIZATIONS + ", was " + organizations);
        require(peersPerOrganization >= 0 && peersPerOrganization <= MAX_PER_ORGANIZATION,
                "peers per organization must be between 0 and " + MAX_PER_ORGANIZATION + ", was " + peersPerOrganization);
        require(usersPerOrganization >= 0 && usersPerOrganization <= MAX_PER_ORGANIZATION,
                "users per organization must be between 0 and " + MAX_PER_ORGANIZATION + ", was " + usersPerOrganization);
        require(adminsPerOrganization >= 1 && adminsPerOrganization <= MAX_PER_ORGANIZATION,
                "admins per organization must be between 1 and " + MAX_PER_ORGANIZATION + ", was " + adminsPerOrganization);
        require(!validity.isNegative() && !validity.isZero(), "validity must be positive, was " + validity);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
