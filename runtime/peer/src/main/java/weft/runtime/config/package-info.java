/**
 * The peer's configuration as read from {@code core.yaml}. The peer registers its {@link weft.runtime.config.CoreConfig}
 * as a service once started, so the peer's other bundles read their settings from the same file.
 */
@Export
@Version("0.2.0")
package weft.runtime.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
