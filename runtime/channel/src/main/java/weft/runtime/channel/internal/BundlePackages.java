package weft.runtime.channel.internal;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import weft.runtime.endorser.chaincode.ChaincodeInstallException;
import weft.runtime.endorser.chaincode.ChaincodeRegistry;
import weft.runtime.endorser.chaincode.InstalledChaincode;
import weft.runtime.endorser.chaincode.PackageIds;
import weft.runtime.lifecycle.InstalledPackage;
import weft.runtime.lifecycle.InstalledPackages;
import weft.runtime.lifecycle.PackageInstallException;

/**
 * The peer's chaincode packages, for {@code _lifecycle}: a Weft chaincode package is the chaincode's bundle jar,
 * labelled by its manifest header {@value #LABEL_HEADER} (what {@code weft-peer lifecycle chaincode package
 * --label} writes), else by {@code <Bundle-SymbolicName>_<Bundle-Version>}; its package id is
 * {@code <label>:<hex SHA-256 of the jar>}, as Fabric's. Installed packages are kept under the data directory
 * ({@code chaincodes/}) and installed into the chaincode registry again on every start, because the framework's
 * bundle cache is cleared then.
 */
public final class BundlePackages implements InstalledPackages {

    /** The manifest header that carries a package's label. */
    public static final String LABEL_HEADER = "Weft-Chaincode-Label";

    private static final System.Logger LOG = System.getLogger(BundlePackages.class.getName());
    private static final long FIXED_TIME = 315532800000L; // 1980-01-01, the zip epoch: labelling stays deterministic

    private final ChaincodeRegistry registry;
    private final Path directory;

    public BundlePackages(ChaincodeRegistry registry, Path directory) {
        this.registry = registry;
        this.directory = directory;
    }

    /** Installs every kept package into the registry; returns how many. */
    public int reinstall() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int count = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try {
                    byte[] bytes = Files.readAllBytes(jar);
                    String label = label(bytes);
                    String packageId = PackageIds.of(label, bytes);
                    if (registry.installed().stream().noneMatch(c -> c.packageId().equals(packageId))) {
                        registry.install(label, jar);
                    }
                    count++;
                } catch (ChaincodeInstallException | IOException | PackageInstallException e) {
                    LOG.log(System.Logger.Level.WARNING, "chaincode package " + jar + " cannot be installed again: "
                            + e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list the chaincode packages in " + directory + ": "
                    + e.getMessage());
        }
        return count;
    }

    @Override
    public synchronized InstalledPackage install(ByteString chaincodeInstallPackage) throws PackageInstallException {
        byte[] jar = chaincodeInstallPackage.toByteArray();
        String label = label(jar);
        String packageId;
        try {
            packageId = PackageIds.of(label, jar);
        } catch (ChaincodeInstallException e) {
            throw new PackageInstallException(e.getMessage(), e);
        }
        if (find(packageId).isPresent()) {
            throw new PackageInstallException("chaincode already successfully installed (package ID '" + packageId + "')");
        }
        Path file = directory.resolve(packageId.replace(':', '_') + ".jar");
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(file.getFileName() + ".tmp");
            Files.write(temporary, jar);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PackageInstallException("cannot keep chaincode package " + packageId + " in " + directory + ": "
                    + e.getMessage(), e);
        }
        Optional<InstalledChaincode> shared = registry.installed().stream()
                .filter(c -> c.packageId().equals(packageId)).findFirst();
        if (shared.isPresent()) {
            // Another peer of this process (the development network's) installed the same bundle: this peer
            // now has the package too, served by that bundle.
            return new InstalledPackage(packageId, shared.get().label(), Map.of());
        }
        try {
            InstalledChaincode installed = registry.install(label, file);
            return new InstalledPackage(installed.packageId(), installed.label(), Map.of());
        } catch (ChaincodeInstallException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the registry refused it; a leftover file is only retried (and refused) at the next start
            }
            throw new PackageInstallException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<InstalledPackage> find(String packageId) {
        return list().stream().filter(c -> c.packageId().equals(packageId)).findFirst();
    }

    /** The packages installed on this peer: those kept in its directory (the registry may serve other peers too). */
    @Override
    public List<InstalledPackage> list() {
        return registry.installed().stream()
                .filter(c -> Files.isRegularFile(directory.resolve(c.packageId().replace(':', '_') + ".jar")))
                .map(c -> new InstalledPackage(c.packageId(), c.label(), Map.of())).toList();
    }

    @Override
    public Optional<ByteString> packageBytes(String packageId) {
        Path file = directory.resolve(packageId.replace(':', '_') + ".jar");
        try {
            return Files.exists(file) ? Optional.of(ByteString.copyFrom(Files.readAllBytes(file))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The label of a package jar: its {@value #LABEL_HEADER}, else {@code <Bundle-SymbolicName>_<Bundle-Version>}. */
    public static String label(byte[] jar) throws PackageInstallException {
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            manifest = in.getManifest();
        } catch (IOException e) {
            throw new PackageInstallException("could not parse as a chaincode install package: not a jar file ("
                    + e.getMessage() + ")", e);
        }
        if (manifest == null) {
            throw new PackageInstallException("could not parse as a chaincode install package: the jar has no manifest");
        }
        Attributes main = manifest.getMainAttributes();
        String label = main.getValue(LABEL_HEADER);
        if (label != null && !label.isBlank()) {
            return label.trim();
        }
        String name = main.getValue("Bundle-SymbolicName");
        if (name == null) {
            throw new PackageInstallException("could not parse as a chaincode install package: the jar is not an OSGi "
                    + "bundle (no Bundle-SymbolicName) and has no " + LABEL_HEADER);
        }
        String version = main.getValue("Bundle-Version");
        String derived = name.split(";")[0].trim() + (version == null ? "" : "_" + version.trim());
        return derived.replaceAll("[^A-Za-z0-9_.+-]", "_");
    }

    /**
     * The jar with {@value #LABEL_HEADER} set to {@code label} (Fabric's {@code peer lifecycle chaincode package
     * --label}); the same jar and label always give the same bytes, so the same package id.
     */
    public static byte[] labelled(byte[] jar, String label) throws PackageInstallException {
        try {
            PackageIds.checkLabel(label);
        } catch (ChaincodeInstallException e) {
            throw new PackageInstallException(e.getMessage(), e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            Manifest manifest = null;
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            java.util.List<ZipEntry> entries = new java.util.ArrayList<>();
            java.util.List<byte[]> contents = new java.util.ArrayList<>();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    manifest = new Manifest(new ByteArrayInputStream(content));
                } else {
                    entries.add(entry);
                    contents.add(content);
                }
            }
            rest.close();
            if (manifest == null) {
                throw new PackageInstallException("the jar has no manifest; a chaincode package is an OSGi bundle");
            }
            manifest.getMainAttributes().putValue(LABEL_HEADER, label);
            ZipEntry manifestEntry = new ZipEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(FIXED_TIME);
            out.putNextEntry(manifestEntry);
            manifest.write(out);
            out.closeEntry();
            for (int i = 0; i < entries.size(); i++) {
                ZipEntry copy = new ZipEntry(entries.get(i).getName());
                copy.setTime(entries.get(i).getTime());
                out.putNextEntry(copy);
                out.write(contents.get(i));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new PackageInstallException("cannot label the chaincode jar: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
