package weft.runtime.channel;

import java.nio.file.Path;
import java.util.List;
import weft.api.endorsement.SigningIdentity;

/**
 * Connects a peer's channel to ordering nodes on other machines, for a node that does not order its channels
 * itself ({@code peer.ordering.enabled: false}): Fabric's {@code AtomicBroadcast} service of the channel's orderers.
 * The network services bundle provides it over gRPC.
 */
public interface OrdererConnector {

    /**
     * Connects to the ordering service of {@code channelId}.
     *
     * @param orderers where to reach it: the addresses and TLS roots the channel's configuration names
     * @param peer     the peer's identity, which signs its deliver requests (the orderer checks the channel's
     *                 Readers policy against it)
     * @throws ChannelException when no address is usable; connection failures later surface from the connection
     */
    OrdererConnection connect(String channelId, OrdererEndpoints orderers, SigningIdentity peer)
            throws ChannelException;

    /**
     * This connector with the node's relative settings (core.yaml's TLS files) resolved against
     * {@code dataDirectory}, the node's data directory, as the MSP paths are. The default ignores it.
     */
    default OrdererConnector resolvingAgainst(Path dataDirectory) {
        return this;
    }

    /**
     * The channel's ordering nodes as its configuration lists them.
     *
     * @param addresses    {@code host:port} of each (the {@code OrdererAddresses} value, or the orderer
     *                     organisations' {@code Endpoints})
     * @param tlsRootCerts the orderer organisations' TLS root certificates (PEM), to trust when TLS is on
     */
    record OrdererEndpoints(List<String> addresses, List<byte[]> tlsRootCerts) {
        public OrdererEndpoints {
            addresses = List.copyOf(addresses);
            tlsRootCerts = List.copyOf(tlsRootCerts);
        }
    }
}
