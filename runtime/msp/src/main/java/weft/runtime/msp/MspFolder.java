package weft.runtime.msp;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import weft.runtime.crypto.CryptoException;
import weft.runtime.crypto.EcPrivateKey;

/**
 * Reads a Fabric MSP folder ({@code cacerts}, {@code intermediatecerts}, {@code admincerts}, {@code crls},
 * {@code config.yaml} with NodeOUs, {@code signcerts}, {@code keystore}) into the same {@code FabricMSPConfig}
 * a channel config carries, so that both become an {@link X509Msp} the same way.
 */
public final class MspFolder {

    private MspFolder() {
    }

    /** The verifying part of the MSP in {@code directory}, under MSP id {@code mspId}. */
    public static FabricMSPConfig read(Path directory, String mspId) throws MspConfigException {
        if (!Files.isDirectory(directory)) {
            throw new MspConfigException("MSP folder " + directory + " does not exist");
        }
        FabricMSPConfig.Builder config = FabricMSPConfig.newBuilder().setName(mspId);
        List<ByteString> roots = pemFiles(directory.resolve("cacerts"));
        if (roots.isEmpty()) {
            throw new MspConfigException("MSP folder " + directory + " has no certificate in cacerts/");
        }
        config.addAllRootCerts(roots)
                .addAllIntermediateCerts(pemFiles(directory.resolve("intermediatecerts")))
                .addAllAdmins(pemFiles(directory.resolve("admincerts")))
                .addAllRevocationList(pemFiles(directory.resolve("crls")))
                .addAllTlsRootCerts(pemFiles(directory.resolve("tlscacerts")))
                .addAllTlsIntermediateCerts(pemFiles(directory.resolve("tlsintermediatecerts")));
        Path configYaml = directory.resolve("config.yaml");
        if (Files.exists(configYaml)) {
            readConfigYaml(directory, configYaml, config);
        }
        return config.build();
    }

    /** The MSP in {@code directory}, built and checked. */
    public static X509Msp load(Path directory, String mspId) throws MspConfigException {
        return X509Msp.fromConfig(read(directory, mspId));
    }

    /**
     * The signing identity in {@code signcerts/} and the private key in {@code keystore/} that belongs to it
     * (Fabric names key files {@code priv_sk} or {@code <ski>_sk}; the one whose public key matches is used).
     */
    public static LocalSigningIdentity signingIdentity(Path directory, X509Msp msp) throws MspConfigException {
        List<Path> certificates = files(directory.resolve("signcerts"));
        if (certificates.isEmpty()) {
            throw new MspConfigException("MSP folder " + directory + " has no certificate in signcerts/");
        }
        try {
            byte[] pem = Files.readAllBytes(certificates.get(0));
            X509CertificateHolder certificate = Certificates.fromPem(pem);
            for (Path keyFile : files(directory.resolve("keystore"))) {
                EcPrivateKey key;
                try {
                    key = EcPrivateKey.fromPem(Files.readString(keyFile));
                } catch (CryptoException e) {
                    continue; // other files may share the folder; only a matching key counts
                }
                if (key.publicKey().equals(Certificates.publicKey(certificate))) {
                    return new LocalSigningIdentity(msp, ByteString.copyFrom(pem), key);
                }
            }
            throw new MspConfigException("MSP folder " + directory + ": keystore/ holds no private key for "
                    + certificates.get(0).getFileName());
        } catch (IOException e) {
            throw new MspConfigException("MSP folder " + directory + ": " + e.getMessage(), e);
        } catch (CryptoException e) {
            throw new MspConfigException("MSP folder " + directory + ": " + certificates.get(0).getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void readConfigYaml(Path directory, Path file, FabricMSPConfig.Builder config)
            throws MspConfigException {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | YAMLException e) {
            throw new MspConfigException(file + ": " + e.getMessage(), e);
        }
        if (document == null) {
            return;
        }
        Map<?, ?> root = map(document, file, "the document");
        Object nodeOus = root.get("NodeOUs");
        if (nodeOus != null) {
            Map<?, ?> ous = map(nodeOus, file, "NodeOUs");
            FabricNodeOUs.Builder builder = FabricNodeOUs.newBuilder()
                    .setEnable(Boolean.TRUE.equals(ous.get("Enable")));
            if (ous.get("ClientOUIdentifier") != null) {
                builder.setClientOuIdentifier(ouIdentifier(directory, file, ous.get("ClientOUIdentifier"), "ClientOUIdentifier"));
            }
            if (ous.get("PeerOUIdentifier") != null) {
                builder.setPeerOuIdentifier(ouIdentifier(directory, file, ous.get("PeerOUIdentifier"), "PeerOUIdentifier"));
            }
            if (ous.get("AdminOUIdentifier") != null) {
                builder.setAdminOuIdentifier(ouIdentifier(directory, file, ous.get("AdminOUIdentifier"), "AdminOUIdentifier"));
            }
            if (ous.get("OrdererOUIdentifier") != null) {
                builder.setOrdererOuIdentifier(ouIdentifier(directory, file, ous.get("OrdererOUIdentifier"), "OrdererOUIdentifier"));
            }
            config.setFabricNodeOus(builder);
        }
        Object units = root.get("OrganizationalUnitIdentifiers");
        if (units instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                config.addOrganizationalUnitIdentifiers(
                        ouIdentifier(directory, file, list.get(i), "OrganizationalUnitIdentifiers[" + i + "]"));
            }
        } else if (units != null) {
            throw new MspConfigException(file + ": OrganizationalUnitIdentifiers must be a list");
        }
    }

    private static FabricOUIdentifier ouIdentifier(Path directory, Path file, Object node, String path)
            throws MspConfigException {
        Map<?, ?> entry = map(node, file, path);
        Object unit = entry.get("OrganizationalUnitIdentifier");
        if (!(unit instanceof String ou) || ou.isBlank()) {
            throw new MspConfigException(file + ": " + path + ".OrganizationalUnitIdentifier is missing");
        }
        FabricOUIdentifier.Builder builder = FabricOUIdentifier.newBuilder().setOrganizationalUnitIdentifier(ou);
        Object certificate = entry.get("Certificate");
        if (certificate instanceof String relative && !relative.isBlank()) {
            Path certificateFile = directory.resolve(relative);
            try {
                builder.setCertificate(ByteString.copyFrom(Files.readAllBytes(certificateFile)));
            } catch (IOException e) {
                throw new MspConfigException(file + ": " + path + ".Certificate: cannot read " + certificateFile, e);
            }
        }
        return builder.build();
    }

    private static Map<?, ?> map(Object node, Path file, String path) throws MspConfigException {
        if (!(node instanceof Map<?, ?> map)) {
            throw new MspConfigException(file + ": " + path + " must be a mapping");
        }
        return map;
    }

    private static List<ByteString> pemFiles(Path folder) throws MspConfigException {
        List<ByteString> contents = new ArrayList<>();
        for (Path file : files(folder)) {
            try {
                contents.add(ByteString.copyFrom(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new MspConfigException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return contents;
    }

    /** The regular files of {@code folder} in name order; none if it does not exist. */
    private static List<Path> files(Path folder) throws MspConfigException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new MspConfigException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
