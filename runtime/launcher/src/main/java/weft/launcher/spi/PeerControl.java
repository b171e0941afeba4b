package weft.launcher.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * Drives the peer running inside the framework: the peer bundle registers one as an OSGi service, the launcher
 * calls it. Only JDK types and this package's types cross the boundary.
 */
public interface PeerControl {

    /** The version this package is exported with from the system bundle (1.1.0 added {@link CryptoMaterialService}, 1.2.0 {@link LedgerVerifier}, 1.3.0 {@link LedgerRevalidator}, 1.4.0 {@link ChannelNode}, 1.5.0 {@link ChannelNode#migrateOrdering}). */
    String SPI_VERSION = "1.7.0";

    /**
     * Loads {@code core.yaml}, installs the bundles its handlers name as {@code library}, and binds every
     * configured handler to a plugin. A handler that cannot be bound does not stop the peer: its status says why.
     *
     * @return the status of every configured handler, in configuration order
     * @throws PeerStartException when the configuration itself cannot be used (unreadable, malformed, invalid)
     */
    List<HandlerStatus> start(Path coreYaml) throws PeerStartException;

    /** The current status of every configured handler; empty before {@link #start}. */
    List<HandlerStatus> handlers();
}
