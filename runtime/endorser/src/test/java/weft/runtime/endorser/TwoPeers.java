package weft.runtime.endorser;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.Block;
import weft.api.chaincode.Chaincode;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.identity.IdentityException;
import weft.api.validation.ValidationPlugin;
import weft.plugins.escc.DefaultEndorsementFactory;
import weft.plugins.vscc.DefaultValidationFactory;
import weft.runtime.committer.BlockValidator;
import weft.runtime.committer.ChannelCommitter;
import weft.runtime.committer.pvtdata.PeerCollectionMembership;
import weft.runtime.endorser.chaincode.ChaincodeUnavailableException;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.pvtdata.PrivateDataConfig;
import weft.runtime.lifecycle.ChannelView;
import weft.runtime.lifecycle.InstalledPackage;
import weft.runtime.lifecycle.InstalledPackages;
import weft.runtime.lifecycle.LifecycleChaincode;
import weft.runtime.lifecycle.PackageInstallException;
import weft.runtime.msp.X509Msp;

/**
 * Two peers of a {@link TestNetwork} channel, one of Org1 and one of Org2, each with its own ledger (its own
 * private state, as a member of its organisation's collections), committer (DefaultValidation) and endorser
 * (DefaultEndorsement, the real {@code _lifecycle} system chaincode, packages bound by this organisation's
 * approvals or else by the development bindings). Every block is committed on both.
 */
final class TwoPeers implements AutoCloseable {

    /** One peer. */
    static final class Peer {
        final String mspId;
        final ChannelLedger ledger;
        final ChannelCommitter committer;
        final ProposalProcessor processor;

        Peer(Path dir, TestNetwork.Org org, Map<String, Chaincode> packages, Map<String, String> devBindings,
             ExecutorService pool, ScheduledExecutorService calls) throws Exception {
            this.mspId = org.mspId();
            ledger = ChannelLedger.open(dir, TestNetwork.CHANNEL,
                    PrivateDataConfig.of(new PeerCollectionMembership(org.mspId())));
            ValidationPlugin vscc = new DefaultValidationFactory().newPlugin();
            boolean[] vsccReady = {false};
            committer = new ChannelCommitter(ledger, new BlockValidator(pool, calls, Duration.ofSeconds(30)),
                    (name, dependencies) -> {
                        synchronized (vsccReady) {
                            if (!vsccReady[0]) {
                                vscc.init(dependencies);
                                vsccReady[0] = true;
                            }
                        }
                        return vscc;
                    }, ChannelCommitter.RetryPolicy.STOP, null);
            EndorserChannel channel = new EndorserChannel(ledger, committer::config);
            EndorsementPlugin escc = new DefaultEndorsementFactory().newPlugin();
            boolean[] esccReady = {false};
            processor = new ProposalProcessor(id -> id.equals(TestNetwork.CHANNEL) ? Optional.of(channel) : Optional.empty(),
                    new LifecycleChaincodeResolver(new LifecycleApprovedPackages(org.mspId()), devBindings),
                    packageId -> {
                        Chaincode chaincode = packages.get(packageId);
                        if (chaincode == null) {
                            throw new ChaincodeUnavailableException("package " + packageId + " is not installed");
                        }
                        return chaincode;
                    },
                    (name, channelId, dependencies) -> {
                        synchronized (esccReady) {
                            if (!esccReady[0]) {
                                escc.init(dependencies);
                                esccReady[0] = true;
                            }
                        }
                        return escc;
                    }, org.peerIdentity());
            processor.registerSystemChaincode(LifecycleChaincode.NAME, new LifecycleChaincode(org.mspId(),
                    channelId -> Optional.of(new View(committer)), NO_INSTALLS));
        }

        /** Processes a proposal; fails the test unless endorsed. */
        ProposalResult endorse(Client.Signed proposal) {
            ProposalResult result = processor.process(proposal.bytes());
            if (!result.endorsed()) {
                throw new AssertionError(mspId + " did not endorse: " + result.response().getResponse().getStatus()
                        + " " + result.response().getResponse().getMessage());
            }
            return result;
        }
    }

    final TestNetwork network = new TestNetwork();
    final Map<String, Chaincode> packages = new ConcurrentHashMap<>();
    final Peer org1;
    final Peer org2;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor();

    TwoPeers(Path dir, Map<String, String> devBindings) throws Exception {
        org1 = new Peer(dir.resolve("org1"), network.org1(), packages, devBindings, pool, calls);
        org2 = new Peer(dir.resolve("org2"), network.org2(), packages, devBindings, pool, calls);
        commit(network.genesis());
    }

    /** Orders the envelopes into the next block and commits it on both peers; returns Org1's stored block. */
    Block commit(List<ByteString> envelopes) throws Exception {
        return commit(network.block(envelopes));
    }

    Block commit(Block block) throws Exception {
        Block stored = org1.committer.commit(block);
        Block other = org2.committer.commit(block);
        if (!stored.getMetadata().getMetadata(2).equals(other.getMetadata().getMetadata(2))) {
            throw new AssertionError("the peers disagree on block " + block.getHeader().getNumber());
        }
        return stored;
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        calls.shutdownNow();
        org1.ledger.close();
        org2.ledger.close();
    }

    /** The channel as the lifecycle sees it, over the committer's configuration (v2 lifecycle enabled). */
    private record View(ChannelCommitter committer) implements ChannelView {
        @Override
        public List<String> applicationOrganizations() {
            return List.copyOf(committer.config().applicationOrganizations().keySet());
        }

        @Override
        public boolean hasPolicy(String path) {
            return committer.config().policies().exists(path);
        }

        @Override
        public Set<String> mspIds() {
            return committer.config().msps().msps().stream().map(X509Msp::id).collect(Collectors.toSet());
        }

        @Override
        public boolean isChannelIdentity(ByteString serializedIdentity) {
            try {
                committer.config().msps().deserializeIdentity(serializedIdentity);
                return true;
            } catch (IdentityException e) {
                return false;
            }
        }

        @Override
        public boolean lifecycleV20Enabled() {
            return true;
        }
    }

    /** Approvals name package ids; nothing is installed through the lifecycle in these tests. */
    private static final InstalledPackages NO_INSTALLS = new InstalledPackages() {
        @Override
        public InstalledPackage install(ByteString chaincodeInstallPackage) throws PackageInstallException {
            throw new PackageInstallException("not in these tests");
        }

        @Override
        public Optional<InstalledPackage> find(String packageId) {
            return Optional.empty();
        }

        @Override
        public List<InstalledPackage> list() {
            return List.of();
        }

        @Override
        public Optional<ByteString> packageBytes(String packageId) {
            return Optional.empty();
        }
    };
}
