package weft.runtime.network.internal;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import weft.runtime.network.NetworkException;

/** Opens gRPC client channels to other nodes: plain, or TLS trusting given roots and presenting a client key pair. */
final class ClientChannels {

    /** A TLS certificate and its key (PEM files), presented when the other node asks for a client certificate. */
    record KeyPair(Path certificate, Path key) {
    }

    private ClientChannels() {
    }

    /**
     * A channel to {@code address} ({@code host:port}; a wildcard host such as {@code 0.0.0.0} means this machine).
     *
     * @param tlsRoots PEM certificates to trust; empty for a connection without TLS
     * @param client   presented for mutual TLS, when present
     */
    static ManagedChannel open(String address, List<byte[]> tlsRoots, Optional<KeyPair> client, int maxMessageSize)
            throws NetworkException {
        ChannelCredentials credentials;
        if (tlsRoots.isEmpty()) {
            credentials = InsecureChannelCredentials.create();
        } else {
            ByteArrayOutputStream pem = new ByteArrayOutputStream();
            for (byte[] root : tlsRoots) {
                pem.writeBytes(root);
                pem.write('\n');
            }
            TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
            try {
                builder.trustManager(new ByteArrayInputStream(pem.toByteArray()));
                if (client.isPresent()) {
                    builder.keyManager(client.get().certificate().toFile(), client.get().key().toFile());
                }
            } catch (IOException | RuntimeException e) {
                throw new NetworkException("cannot set up TLS to " + address + " (trusted roots, or the client "
                        + "certificate " + client.map(KeyPair::certificate).orElse(null) + "): " + e.getMessage(), e);
            }
            credentials = builder.build();
        }
        return Grpc.newChannelBuilder("dns:///" + dialable(address), credentials)
                .maxInboundMessageSize(maxMessageSize).build();
    }

    /** The address to dial for a listen address: a wildcard host is this machine's loopback. */
    static String dialable(String listenAddress) {
        int colon = listenAddress.lastIndexOf(':');
        String host = listenAddress.substring(0, colon);
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1" + listenAddress.substring(colon);
        }
        return listenAddress;
    }

    static byte[] read(Path file, String what) throws NetworkException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new NetworkException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
