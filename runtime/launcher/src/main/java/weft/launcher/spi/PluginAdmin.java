package weft.launcher.spi;

import java.util.List;
import java.util.Objects;

/**
 * Sends {@code weft-peer plugin} commands to a running peer, signed by an admin of the peer's MSP. Registered by
 * the operations bundle in every framework; it never touches the local installation's {@code deploy/} itself.
 */
public interface PluginAdmin {

    /** How a command ended, which the launcher turns into an exit code. */
    enum Outcome {
        /** Done, and an installed or updated bundle is active. */
        OK,
        /** Done, but the bundle is not active (it does not resolve or start), or something else needs a look. */
        PROBLEM,
        /** The peer refused the request (not authenticated, not an admin, a conflict, bad input). */
        REFUSED,
        /** The peer's operations endpoint could not be reached. */
        UNREACHABLE
    }

    /**
     * What the peer answered.
     *
     * @param outcome how it ended
     * @param lines   what to print, one line each
     */
    record Result(Outcome outcome, List<String> lines) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            lines = List.copyOf(lines);
        }
    }

    /**
     * Signs {@code call} as the admin identity and sends it to the peer.
     *
     * @throws ToolException when the call cannot even be made: the identity, jar or TLS files cannot be read
     */
    Result send(PluginAdminCall call) throws ToolException;
}
