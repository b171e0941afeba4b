/**
 * Fabric v2's chaincode lifecycle as the {@code _lifecycle} system chaincode, and the two seams through which it
 * sees the peer: {@link weft.runtime.lifecycle.ChannelViews} (a channel's organisations and policies) and
 * {@link weft.runtime.lifecycle.InstalledPackages} (the peer's installed chaincode packages).
 */
@Export
@Version("0.1.0")
package weft.runtime.lifecycle;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
