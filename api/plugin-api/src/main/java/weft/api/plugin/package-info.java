/**
 * What every Weft plugin shares: the handler-name service property that binds a plugin to the
 * {@code handlers} section of {@code core.yaml}, the {@link weft.api.plugin.Dependency} marker through which
 * the peer hands a plugin what it needs, and the failure of {@code init}.
 */
@Export
@Version("1.0.0")
package weft.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
