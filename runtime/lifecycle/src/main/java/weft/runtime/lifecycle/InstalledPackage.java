package weft.runtime.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chaincode package installed on this peer: its package id ({@code <label>:<hex sha256>}), its label, and the
 * chaincode definitions that use it, by channel.
 */
public record InstalledPackage(String packageId, String label, Map<String, List<Reference>> references) {

    /** A chaincode definition on a channel that runs this package. */
    public record Reference(String name, String version) {
        public Reference {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
        }
    }

    public InstalledPackage {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(label, "label");
        references = Map.copyOf(references);
    }
}
