package weft.launcher.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code weft-peer plugin <command>} call against a running peer's operations endpoint.
 *
 * @param command    {@code list}, {@code install}, {@code update} or {@code uninstall}
 * @param jar        install/update: the plugin bundle jar to send; null otherwise
 * @param fileName   install/update: the file name in the peer's {@code deploy/} (default: the jar's name);
 *                   uninstall: the file to remove; null for list
 * @param peer       {@code host:port} of the operations endpoint; null for core.yaml's {@code operations.listenAddress}
 * @param config     the core.yaml that names the default address, TLS and local MSP id
 * @param data       the data directory under which the development network's admin identity is found
 * @param caFile     PEM CA certificate(s) the endpoint's TLS certificate must chain to; null without TLS
 * @param certFile   PEM client certificate, when the endpoint requires client authentication; null otherwise
 * @param keyFile    its PKCS #8 PEM private key
 * @param adminMsp   the admin's MSP folder ({@code CORE_PEER_MSPCONFIGPATH}); null for the development network's
 *                   Org1 admin under {@code data}
 * @param adminMspId the admin's MSP id ({@code CORE_PEER_LOCALMSPID}); null for core.yaml's {@code peer.localMspId}
 */
public record PluginAdminCall(String command, Path jar, String fileName, String peer, Path config, Path data,
                              Path caFile, Path certFile, Path keyFile, Path adminMsp, String adminMspId) {

    public PluginAdminCall {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
    }
}
