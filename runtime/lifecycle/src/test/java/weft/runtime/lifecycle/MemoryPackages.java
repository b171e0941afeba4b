package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import weft.runtime.lifecycle.state.StateSerializer;

/**
 * Installed packages for tests: a package is "label\n..." text; its id is {@code label:hex(sha256)} as in Fabric.
 * An empty package or one whose label is "broken" is refused.
 */
final class MemoryPackages implements InstalledPackages {

    private final Map<String, InstalledPackage> installed = new LinkedHashMap<>();
    private final Map<String, ByteString> bytes = new LinkedHashMap<>();

    @Override
    public InstalledPackage install(ByteString chaincodeInstallPackage) throws PackageInstallException {
        String label = chaincodeInstallPackage.toStringUtf8().split("\n", 2)[0];
        if (label.isEmpty() || label.equals("broken")) {
            throw new PackageInstallException("could not parse as a chaincode install package: no label");
        }
        String id = label + ":" + java.util.HexFormat.of().formatHex(
                StateSerializer.sha256(chaincodeInstallPackage).toByteArray());
        if (installed.containsKey(id)) {
            throw new PackageInstallException("chaincode already successfully installed (package ID '" + id + "')");
        }
        InstalledPackage result = new InstalledPackage(id, label,
                Map.of("mychannel", List.of(new InstalledPackage.Reference("mycc", "1.0"))));
        installed.put(id, result);
        bytes.put(id, chaincodeInstallPackage);
        return result;
    }

    @Override
    public Optional<InstalledPackage> find(String packageId) {
        return Optional.ofNullable(installed.get(packageId));
    }

    @Override
    public List<InstalledPackage> list() {
        return new ArrayList<>(installed.values());
    }

    @Override
    public Optional<ByteString> packageBytes(String packageId) {
        return Optional.ofNullable(bytes.get(packageId));
    }
}
