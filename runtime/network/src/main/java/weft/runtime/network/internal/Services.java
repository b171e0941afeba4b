package weft.runtime.network.internal;

import io.grpc.BindableService;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.network.OrganizationEndorsers;

/** Builds the service implementations {@link weft.runtime.network.NetworkServer} binds; they stay internal. */
public final class Services {

    private Services() {
    }

    /**
     * The peer's services and this node's orderer service, for {@code peer.listenAddress}.
     *
     * @param mutualTls whether clients present TLS certificates, to which deliver requests must then be bound
     */
    public static List<BindableService> peer(ChannelGateway gateway,
                                             Function<String, List<OrganizationEndorsers>> endorsers,
                                             Duration orderingTimeout, int maxSendBytes, boolean mutualTls) {
        return List.of(new EndorserService(gateway), new PeerDeliverService(gateway, maxSendBytes, mutualTls),
                new GatewayService(gateway, endorsers), orderer(gateway, orderingTimeout, maxSendBytes, mutualTls));
    }

    /** The orderer's AtomicBroadcast service. */
    public static BindableService orderer(ChannelGateway gateway, Duration orderingTimeout, int maxSendBytes,
                                          boolean mutualTls) {
        return new OrdererService(gateway, orderingTimeout, maxSendBytes, mutualTls);
    }

    /** This node's own peer, as the only endorser of its organisation. */
    public static OrganizationEndorsers localEndorser(ChannelGateway gateway, String mspId, String address) {
        return new LocalEndorser(gateway, mspId, address);
    }
}
