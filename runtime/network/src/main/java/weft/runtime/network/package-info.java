/**
 * The node's gRPC services with Fabric's own service definitions: {@link weft.runtime.network.NetworkServer} serves
 * the peer's {@code protos.Endorser}, {@code protos.Deliver} and {@code gateway.Gateway} and the orderer's
 * {@code orderer.AtomicBroadcast} from a {@link weft.runtime.channel.ChannelGateway}, over plain TCP, TLS or mutual
 * TLS as {@code core.yaml} says. {@link weft.runtime.network.OrganizationEndorsers} is how the gateway reaches one
 * organisation's endorsing peers (on a single node: the local peer).
 */
@Export
@Version("0.1.0")
package weft.runtime.network;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
