/**
 * The channels a node runs: {@link weft.runtime.channel.ChannelHost} opens each joined channel (ledger,
 * committer, orderer block store, consenter, deliver loop) and serves them through
 * {@link weft.runtime.channel.ChannelGateway} — endorse, submit and wait for the commit, evaluate — the seam the
 * network services and the command line call. {@link weft.runtime.channel.GatewayClient} is the client side:
 * signed proposals and transaction envelopes as Fabric's SDKs build them. {@link weft.runtime.channel.GenesisBlocks}
 * turns a channel profile into its genesis block.
 */
@Export
@Version("0.2.0")
package weft.runtime.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
