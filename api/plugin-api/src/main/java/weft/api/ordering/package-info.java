/**
 * Pluggable ordering: a consenter bundle (solo, Raft, …) turns the envelopes a channel's clients broadcast into
 * an ordered chain of blocks. The peer keeps what is Fabric's channel machinery — building, signing and storing
 * blocks ({@link weft.api.ordering.ChainSupport}) — and the consenter decides only <em>which</em> envelopes go
 * into <em>which</em> block, and when every node agrees on that.
 *
 * <pre>{@code
 * ConsenterFactory factory = ...;                       // the service named by the channel's consensus type
 * Consenter consenter = factory.newConsenter(support, new ConsenterStorage(dir));
 * consenter.broadcast(envelopeBytes).join();            // durably accepted: it will be in a block, once
 * try (BlockStream blocks = consenter.deliver(0)) {
 *     Block genesis = blocks.next(Duration.ofSeconds(5)).orElseThrow();
 * }
 * }</pre>
 *
 * <p>{@link weft.api.ordering.BlockCutter} is Fabric's block cutting (BatchSize, BatchTimeout) as a class, not
 * an interface: every consenter and the peer's broadcast size check must apply exactly the same rules, so there
 * is one implementation here, where both the peer and consenter bundles (which may import only the API) see it.
 *
 * <p>Types a consenter implements ({@link weft.api.ordering.ConsenterFactory},
 * {@link weft.api.ordering.Consenter}) change only in a major version; types the peer implements
 * ({@link weft.api.ordering.ChainSupport}, {@link weft.api.ordering.BlockStream}) may grow in a minor one.
 */
@Export
@Version("1.0.0")
package weft.api.ordering;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
