package weft.runtime.cryptogen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes MSP and TLS material for a network in the layout of Fabric's {@code cryptogen}, with NodeOUs enabled:
 * <pre>
 * peerOrganizations/org1.example.com/ca/                      the CA's certificate and key
 * peerOrganizations/org1.example.com/tlsca/                   the TLS CA's certificate and key
 * peerOrganizations/org1.example.com/msp/                     the organisation's verifying MSP (with tlscacerts/)
 * peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp/
 * peerOrganizations/org1.example.com/peers/peer0.org1.example.com/tls/   ca.crt, server.crt, server.key
 * peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp/
 * peerOrganizations/org1.example.com/users/User1@org1.example.com/tls/   ca.crt, client.crt, client.key
 * ordererOrganizations/example.com/orderers/orderer.example.com/{msp,tls}/
 * </pre>
 * A node's TLS server certificate names the node's host name, its short name, {@code localhost} and
 * {@code 127.0.0.1}, so that a node run on one machine is reachable under each; TLS certificates carry both the
 * serverAuth and clientAuth extended key usages (for mutual TLS), as cryptogen's do.
 */
public final class CryptoMaterialGenerator {

    private static final List<String> NODE_OUS = List.of("client", "peer", "admin", "orderer");

    private final SecureRandom random;

    public CryptoMaterialGenerator(SecureRandom random) {
        this.random = random;
    }

    /**
     * Generates the material into {@code output}, which must be empty or absent.
     *
     * @throws IOException when {@code output} already holds files or cannot be written
     */
    public List<GeneratedOrganization> generate(Path output, CryptoSpec spec) throws IOException {
        requireEmpty(output);
        List<GeneratedOrganization> organizations = new ArrayList<>();
        for (int i = 1; i <= spec.organizations(); i++) {
            organizations.add(organization(output.resolve("peerOrganizations"), "Org" + i + "MSP",
                    "org" + i + ".example.com", "Org" + i, spec, false));
        }
        if (spec.ordererOrganization()) {
            organizations.add(organization(output.resolve("ordererOrganizations"), "OrdererMSP", "example.com",
                    "Orderer", spec, true));
        }
        return organizations;
    }

    private GeneratedOrganization organization(Path parent, String mspId, String domain, String organization,
                                               CryptoSpec spec, boolean orderer) throws IOException {
        Path home = parent.resolve(domain);
        CertificateAuthority ca = CertificateAuthority.root("ca." + domain, organization, spec.curve(), random);
        String caFile = "ca." + domain + "-cert.pem";
        write(home.resolve("ca").resolve(caFile), ca.certificate().certificatePem());
        writePrivate(home.resolve("ca").resolve("priv_sk"), ca.certificate().key().toPkcs8Pem());
        CertificateAuthority tlsCa = CertificateAuthority.root("tlsca." + domain, organization, spec.curve(), random);
        String tlsCaFile = "tlsca." + domain + "-cert.pem";
        write(home.resolve("tlsca").resolve(tlsCaFile), tlsCa.certificate().certificatePem());
        writePrivate(home.resolve("tlsca").resolve("priv_sk"), tlsCa.certificate().key().toPkcs8Pem());
        Tls tls = new Tls(tlsCa, tlsCaFile);
        Path orgMsp = home.resolve("msp");
        verifyingMsp(orgMsp, ca, caFile, tls);

        List<GeneratedOrganization.Identity> identities = new ArrayList<>();
        Instant notBefore = Instant.now().minusSeconds(60);
        if (orderer) {
            identities.add(identity(home.resolve("orderers"), "orderer." + domain, "orderer", ca, caFile, tls, notBefore,
                    spec));
        } else {
            for (int p = 0; p < spec.peersPerOrganization(); p++) {
                identities.add(identity(home.resolve("peers"), "peer" + p + "." + domain, "peer", ca, caFile, tls,
                        notBefore, spec));
            }
            for (int u = 1; u <= spec.usersPerOrganization(); u++) {
                identities.add(identity(home.resolve("users"), "User" + u + "@" + domain, "client", ca, caFile, tls,
                        notBefore, spec));
            }
        }
        for (int a = 1; a <= spec.adminsPerOrganization(); a++) {
            String name = (a == 1 ? "Admin" : "Admin" + a) + "@" + domain;
            identities.add(identity(home.resolve("users"), name, "admin", ca, caFile, tls, notBefore, spec));
        }
        return new GeneratedOrganization(mspId, domain, orgMsp, identities);
    }

    /** An organisation's TLS CA and the file name of its certificate. */
    private record Tls(CertificateAuthority ca, String caFile) {
    }

    private GeneratedOrganization.Identity identity(Path parent, String name, String role, CertificateAuthority ca,
                                                    String caFile, Tls tls, Instant notBefore, CryptoSpec spec)
            throws IOException {
        Path msp = parent.resolve(name).resolve("msp");
        verifyingMsp(msp, ca, caFile, tls);
        IssuedCertificate issued = ca.issue(name, role, notBefore, spec.validity());
        write(msp.resolve("signcerts").resolve(name + "-cert.pem"), issued.certificatePem());
        writePrivate(msp.resolve("keystore").resolve("priv_sk"), issued.key().toPkcs8Pem());

        // Nodes (peers, orderers) serve TLS; users only present a client certificate.
        boolean node = role.equals("peer") || role.equals("orderer");
        List<String> hosts = node ? List.of(name, name.substring(0, name.indexOf('.')), "localhost", "127.0.0.1")
                : List.of(name);
        IssuedCertificate tlsCertificate = tls.ca().issueTls(name, hosts, notBefore, spec.validity());
        Path folder = parent.resolve(name).resolve("tls");
        String prefix = node ? "server" : "client";
        write(folder.resolve("ca.crt"), tls.ca().certificate().certificatePem());
        write(folder.resolve(prefix + ".crt"), tlsCertificate.certificatePem());
        writePrivate(folder.resolve(prefix + ".key"), tlsCertificate.key().toPkcs8Pem());
        return new GeneratedOrganization.Identity(name, role, msp);
    }

    private static void verifyingMsp(Path msp, CertificateAuthority ca, String caFile, Tls tls) throws IOException {
        write(msp.resolve("cacerts").resolve(caFile), ca.certificate().certificatePem());
        write(msp.resolve("tlscacerts").resolve(tls.caFile()), tls.ca().certificate().certificatePem());
        Files.createDirectories(msp.resolve("admincerts"));
        StringBuilder config = new StringBuilder("NodeOUs:\n  Enable: true\n");
        for (String ou : NODE_OUS) {
            config.append("  ").append(Character.toUpperCase(ou.charAt(0))).append(ou.substring(1))
                    .append("OUIdentifier:\n    Certificate: cacerts/").append(caFile)
                    .append("\n    OrganizationalUnitIdentifier: ").append(ou).append('\n');
        }
        write(msp.resolve("config.yaml"), config.toString());
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A private key: readable by its owner only, where the file system has POSIX permissions. */
    private static void writePrivate(Path file, String content) throws IOException {
        write(file, content);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void requireEmpty(Path output) throws IOException {
        if (Files.exists(output)) {
            if (!Files.isDirectory(output)) {
                throw new IOException(output + " exists and is not a directory");
            }
            try (Stream<Path> entries = Files.list(output)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(output + " is not empty; crypto material is generated into an empty "
                            + "directory so that no existing keys are overwritten");
                }
            }
        }
        Files.createDirectories(output);
    }
}
