package weft.runtime.channel;

import java.time.Duration;
import org.hyperledger.fabric.protos.common.Status;

/**
 * Admits envelopes to a channel's consenter and puts the channel in maintenance, as Fabric's
 * {@code ConsensusType.state = STATE_MAINTENANCE} does for a consensus-type migration: while in maintenance
 * normal envelopes are refused with {@code SERVICE_UNAVAILABLE}. It counts the envelopes handed to the consenter
 * and not yet acknowledged or refused, so that entering maintenance can wait until every one of them has an
 * answer — after that, everything acknowledged is in a stored block and nothing is pending in the consenter.
 */
final class BroadcastGate {

    private final String channelId;
    private int inFlight;
    private String maintenance;

    BroadcastGate(String channelId) {
        this.channelId = channelId;
    }

    /**
     * Admits one envelope; the caller must call {@link #answered()} once the consenter acknowledged or refused it.
     *
     * @throws BroadcastException {@code SERVICE_UNAVAILABLE} while the channel is in maintenance
     */
    synchronized void admit() throws BroadcastException {
        if (maintenance != null) {
            throw new BroadcastException(Status.SERVICE_UNAVAILABLE, "channel " + channelId + " is in maintenance ("
                    + maintenance + "); retry later");
        }
        inFlight++;
    }

    synchronized void answered() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    /**
     * Refuses new envelopes from now on and waits until the consenter answered every admitted one.
     *
     * @param reason what the maintenance is for, told to refused clients
     * @throws ChannelException when the channel is already in maintenance, or the envelopes in flight are not
     *                          answered within {@code timeout} (the channel then leaves maintenance again)
     */
    synchronized void enterMaintenance(String reason, Duration timeout) throws ChannelException, InterruptedException {
        if (maintenance != null) {
            throw new ChannelException("channel " + channelId + " is already in maintenance (" + maintenance + ")");
        }
        maintenance = reason;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                int pending = inFlight;
                maintenance = null;
                throw new ChannelException("channel " + channelId + ": " + pending + " envelope(s) handed to ordering "
                        + "were not answered within " + timeout.toMillis() + " ms; maintenance abandoned");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                maintenance = null;
                throw e;
            }
        }
    }

    synchronized void leaveMaintenance() {
        maintenance = null;
    }

    synchronized boolean inMaintenance() {
        return maintenance != null;
    }
}
