package weft.runtime.endorser.chaincode;

import java.util.Objects;

/** A chaincode package installed on this peer: its package id and label, and the bundle it installed. */
public record InstalledChaincode(String packageId, String label, String bundleSymbolicName, String bundleVersion) {

    public InstalledChaincode {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
    }
}
