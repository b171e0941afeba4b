package weft.runtime.channel;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import weft.api.identity.IdentityException;
import weft.api.ordering.ConsenterFactory;
import weft.api.ordering.OrderingException;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.configtx.ChannelSettings;
import weft.runtime.configtx.ConfigTxException;
import weft.runtime.configtx.ConsensusTypeChange;
import weft.runtime.ledger.block.OrdererBlocks;

/**
 * Moves a running channel from solo to Raft, as Fabric's consensus-type migration does:
 * <ol>
 * <li>maintenance: new envelopes are refused with {@code SERVICE_UNAVAILABLE}, and every envelope already handed
 *     to solo is answered (solo acknowledges only what is in a stored block, so nothing acknowledged is pending);</li>
 * <li>solo is closed, and a config block recording {@code ConsensusType} {@code raft} (metadata: this node as the
 *     one-node cluster on its Raft port) is written through the orderer's block store, signed by the orderer;</li>
 * <li>the peer commits it (the committer then holds the new config);</li>
 * <li>the Raft consenter starts on the same block store, at its current height; maintenance ends.</li>
 * </ol>
 * Block numbers continue and the hash chain is unbroken: the same store writes every block. Whatever fails before
 * the config block is written leaves the channel on solo; when Raft cannot start after it, a second config block
 * puts {@code solo} back, so the channel's last config block always names the consenter it runs (and opens with
 * after a restart).
 */
final class ConsensusMigration {

    private static final System.Logger LOG = System.getLogger(ConsensusMigration.class.getName());

    private final ChannelRuntime runtime;
    private final LocalOrdering local;
    private final String channelId;

    /** @throws ChannelException when the channel is ordered by other nodes: only its orderers can migrate it */
    ConsensusMigration(ChannelRuntime runtime) throws ChannelException {
        this.runtime = runtime;
        this.local = runtime.localOrdering();
        this.channelId = runtime.channelId();
    }

    /** The Raft metadata of a cluster of one: this node on {@code port} of the loopback address. */
    static ByteString oneNodeRaftMetadata(int port) {
        return ConfigMetadata.newBuilder().addConsenters(Consenter.newBuilder().setHost("127.0.0.1").setPort(port))
                .build().toByteString();
    }

    long migrate(String type, Duration timeout) throws ChannelException, InterruptedException {
        String current = runtime.settings().orderer().consensusType();
        if (current.equals(type)) {
            throw new ChannelException("channel " + channelId + " is already ordered by " + type);
        }
        if (!ConsenterFactory.SOLO.equals(current) || !ConsenterFactory.RAFT.equals(type)) {
            throw new ChannelException("channel " + channelId + ": migration from " + current + " to '" + type
                    + "' is not supported; only solo to raft is");
        }
        ConsenterFactory raft = runtime.services().consenters().factory(type);
        int port = runtime.services().raftPort();
        requireFreePort(port);
        ByteString metadata = oneNodeRaftMetadata(port);
        Envelope transaction = configTransaction(type, metadata);

        runtime.gate().enterMaintenance("moving from " + current + " to " + type, timeout);
        try {
            LOG.log(System.Logger.Level.INFO, "channel {0}: in maintenance, every acknowledged envelope is in block "
                    + "{1} or earlier; moving from {2} to {3}", channelId, local.support().height() - 1, current, type);
            ChannelSettings previous = runtime.settings();
            local.consenter().close();
            long sequence = runtime.config().sequence() + 1;
            long number = write(transaction, () -> reopen(previous));
            awaitValidCommit(number, sequence, timeout);
            ChannelSettings next = settingsOf(number);
            deleteRecursively(runtime.channelDirectory().resolve("raft"));
            try {
                runtime.replaceConsenter(ChannelRuntime.newConsenter(channelId, raft, local.support(), next,
                        runtime.channelDirectory(), runtime.services()), next);
            } catch (ChannelException e) {
                revert(previous, e);
                throw new ChannelException("channel " + channelId + ": the config block " + number + " named " + type
                        + ", but the " + type + " consenter did not start" + runtime.halted().map(
                                why -> "; the channel stopped: " + why).orElse(", so a later config block puts "
                                + current + " back and the channel keeps ordering with it") + ": " + e.getMessage(), e);
            }
            LOG.log(System.Logger.Level.INFO, "channel {0}: ordered by {1} from block {2} on", channelId, type, number + 1);
            return number;
        } finally {
            runtime.gate().leaveMaintenance();
        }
    }

    /** Refuses the migration before anything is written when the Raft port cannot be bound. */
    private void requireFreePort(int port) throws ChannelException {
        if (port <= 0 || port > 65535) {
            throw new ChannelException("channel " + channelId + ": the Raft port " + port + " is not a port; set "
                    + "peer.devNetwork.raftPort in core.yaml");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new ChannelException("channel " + channelId + ": the Raft port 127.0.0.1:" + port
                    + " cannot be bound (" + e.getMessage() + "); nothing was changed, the channel stays on solo", e);
        }
    }

    /**
     * The signed config transaction, checked as the committer will check it before anything is written: a config
     * block the peer refused would still be named by later blocks' LAST_CONFIG.
     */
    private Envelope configTransaction(String type, ByteString metadata) throws ChannelException {
        try {
            Block lastConfig = ChannelRuntime.storedLastConfig(local.support());
            ConfigEnvelope current = ChannelConfig.configEnvelope(lastConfig).orElseThrow(() -> new ChannelException(
                    "channel " + channelId + ": block " + lastConfig.getHeader().getNumber() + " is not a config block"));
            ConfigEnvelope next = ConsensusTypeChange.apply(current, type, metadata);
            ChannelConfig config = ChannelConfig.from(channelId, next);
            ChannelSettings.read(next.getConfig().getChannelGroup());
            OrdererBlocks.Signer signer = runtime.services().ordererSigner();
            Envelope transaction = ConsensusTypeChange.configTransaction(channelId, next, signer.identity(),
                    signer::sign);
            var creator = runtime.config().msps().deserializeIdentity(signer.identity());
            creator.validate();
            creator.verify(transaction.getPayload(), transaction.getSignature());
            if (config.sequence() != runtime.config().sequence() + 1) {
                throw new ChannelException("channel " + channelId + ": the orderer's last config (sequence "
                        + (config.sequence() - 1) + ") is not the peer's (sequence " + runtime.config().sequence() + ")");
            }
            return transaction;
        } catch (OrderingException | ConfigTxException | ChannelConfig.ConfigException e) {
            throw new ChannelException("channel " + channelId + ": cannot build the config update to " + type + ": "
                    + e.getMessage(), e);
        } catch (IdentityException e) {
            throw new ChannelException("channel " + channelId + ": the orderer's identity cannot sign the channel's "
                    + "config (is it a member of an orderer organisation of the channel?): " + e.getMessage(), e);
        }
    }

    private interface Recovery {
        void run() throws ChannelException;
    }

    /**
     * Writes the config block through the orderer's store. When it cannot be written nothing is stored (the
     * store's contract), so {@code onFailure} resumes ordering as before.
     */
    private long write(Envelope transaction, Recovery onFailure) throws ChannelException {
        try {
            return local.support().writeConfigBlock(transaction.toByteString(), ByteString.EMPTY)
                    .getHeader().getNumber();
        } catch (OrderingException e) {
            ChannelException failure = new ChannelException("channel " + channelId + ": the config block cannot be "
                    + "written; ordering continues as before: " + e.getMessage(), e);
            try {
                onFailure.run();
            } catch (ChannelException reopen) {
                failure.addSuppressed(reopen);
                runtime.halt("the consensus migration failed and ordering could not resume: " + reopen.getMessage(),
                        reopen);
            }
            throw failure;
        }
    }

    /**
     * Waits until the peer committed the config block as valid. The block was checked as the committer checks it
     * before it was written, so a refusal here means the ledger cannot keep up; the channel stops rather than
     * order on while its blocks and its committed configuration disagree.
     */
    private void awaitValidCommit(long number, long expectedSequence, Duration timeout)
            throws ChannelException, InterruptedException {
        try {
            runtime.awaitCommitted(number, timeout);
            // The ledger shows the block a moment before the committer takes its config in force.
            long deadline = System.nanoTime() + timeout.toNanos();
            while (runtime.config().sequence() < expectedSequence && runtime.committedValid(number)
                    && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            if (runtime.config().sequence() != expectedSequence) {
                throw new ChannelException("channel " + channelId + ": the peer committed config block " + number
                        + (runtime.committedValid(number) ? " but its configuration is at sequence "
                        + runtime.config().sequence() + ", not " + expectedSequence : " as invalid"));
            }
        } catch (ChannelException e) {
            runtime.halt("the consensus migration's config block " + number + " was not committed as valid: "
                    + e.getMessage(), e);
            throw e;
        }
    }

    private ChannelSettings settingsOf(long number) throws ChannelException {
        try {
            return ChannelRuntime.settings(channelId, local.support().block(number).orElseThrow());
        } catch (OrderingException e) {
            throw new ChannelException("channel " + channelId + ": cannot read back config block " + number + ": "
                    + e.getMessage(), e);
        }
    }

    /** Puts the old type back in a config block of its own and resumes ordering with it. */
    private void revert(ChannelSettings previous, ChannelException cause) throws InterruptedException {
        try {
            String type = previous.orderer().consensusType();
            Envelope back = configTransaction(type, previous.orderer().consensusMetadata());
            long sequence = runtime.config().sequence() + 1;
            long number = write(back, () -> { });
            awaitValidCommit(number, sequence, Duration.ofSeconds(30));
            LOG.log(System.Logger.Level.WARNING, "channel {0}: config block {1} puts {2} back after: {3}", channelId,
                    number, type, cause.getMessage());
            reopen(settingsOf(number));
        } catch (ChannelException e) {
            if (runtime.halted().isEmpty()) {
                runtime.halt("the consensus migration failed (" + cause.getMessage() + ") and "
                        + previous.orderer().consensusType() + " could not be put back: " + e.getMessage(), e);
            }
        }
    }

    /** Resumes ordering with the consenter of {@code settings}. */
    private void reopen(ChannelSettings settings) throws ChannelException {
        String type = settings.orderer().consensusType();
        runtime.replaceConsenter(ChannelRuntime.newConsenter(channelId, runtime.services().consenters().factory(type),
                local.support(), settings, runtime.channelDirectory(), runtime.services()), settings);
    }

    private static void deleteRecursively(Path root) throws ChannelException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new ChannelException("cannot clear the leftover Raft directory " + root + ": " + e.getMessage(), e);
        }
    }
}
