package weft.runtime.cryptogen;

import java.nio.file.Path;
import java.util.List;

/**
 * One organisation's generated material.
 *
 * @param mspId     e.g. {@code Org1MSP}
 * @param domain    e.g. {@code org1.example.com}
 * @param mspFolder the organisation's verifying MSP (what a channel config holds)
 * @param nodes     the local MSP folder of every identity, by role ({@code peer}, {@code client}, {@code admin},
 *                  {@code orderer}) in name order
 */
public record GeneratedOrganization(String mspId, String domain, Path mspFolder, List<Identity> nodes) {

    /** One identity's local MSP folder. */
    public record Identity(String name, String role, Path mspFolder) {

        /**
         * The identity's TLS folder beside its MSP: {@code ca.crt} and {@code server.crt}/{@code server.key} for a
         * peer or orderer, {@code client.crt}/{@code client.key} for a user or admin.
         */
        public Path tlsFolder() {
            return mspFolder.resolveSibling("tls");
        }
    }

    public GeneratedOrganization {
        nodes = List.copyOf(nodes);
    }

    /** The organisation's folder ({@code peerOrganizations/<domain>} or {@code ordererOrganizations/<domain>}). */
    public Path home() {
        return mspFolder.getParent();
    }

    /** The TLS CA's certificate ({@code tlsca/tlsca.<domain>-cert.pem}). */
    public Path tlsCaCertificate() {
        return home().resolve("tlsca").resolve("tlsca." + domain + "-cert.pem");
    }

    /** The identities with {@code role}, in name order. */
    public List<Identity> identities(String role) {
        return nodes.stream().filter(n -> n.role().equals(role)).toList();
    }

    /** The local MSP folders of the identities with {@code role}. */
    public List<Path> folders(String role) {
        return nodes.stream().filter(n -> n.role().equals(role)).map(Identity::mspFolder).toList();
    }
}
