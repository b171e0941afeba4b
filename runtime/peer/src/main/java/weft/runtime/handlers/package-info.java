/**
 * The handler registry: which plugin serves which {@code core.yaml} handler, one instance per channel. The
 * endorser and the committer ask it for "the plugin named X for channel C"; it is the one place that knows
 * about plugin bundles. Exported for the peer's own bundles only: plugins import {@code weft.api}.
 */
@Export
@Version("0.3.0")
package weft.runtime.handlers;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
