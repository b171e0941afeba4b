package weft.runtime.network.internal;

import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.config.CoreConfig;
import weft.runtime.network.NetworkException;
import weft.runtime.network.NetworkServer;

/**
 * Serves the node's gRPC services while its channels are open: starts once the {@link ChannelGateway} service (with
 * the data directory and MSP id it is published with) and the peer's {@link CoreConfig} are present, and stops when
 * either goes away. A configuration that cannot be served (an address in use, missing TLS files) fails the
 * activation with a message naming the core.yaml setting.
 */
@Component(immediate = true, service = {})
public final class NetworkComponent {

    private static final System.Logger LOG = System.getLogger(NetworkComponent.class.getName());

    private final NetworkServer server;

    @Activate
    public NetworkComponent(@Reference(service = ChannelGateway.class) Map.Entry<Map<String, Object>, ChannelGateway> gateway,
                            @Reference CoreConfig config) throws NetworkException {
        Map<String, Object> properties = gateway.getKey();
        Object data = properties.get(ChannelGateway.DATA_DIRECTORY);
        Object mspId = properties.get(ChannelGateway.MSP_ID);
        Path base = data == null ? config.source().toAbsolutePath().getParent() : Path.of(data.toString());
        try {
            server = NetworkServer.start(gateway.getValue(), mspId == null ? config.node().localMspId() : mspId.toString(),
                    config.network(), base);
        } catch (NetworkException e) {
            LOG.log(System.Logger.Level.ERROR, "the network services cannot start: " + e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void stop() {
        server.close();
    }
}
