/**
 * The contract between the {@code weft-peer} launcher, which runs outside the OSGi framework, and the peer
 * bundle inside it. The system bundle exports this package (and nothing else of the launcher), so both sides
 * see the same classes. It is internal to Weft: plugins never import it.
 */
@Version(PeerControl.SPI_VERSION)
package weft.launcher.spi;

import org.osgi.annotation.versioning.Version;
