package weft.runtime.endorser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.hyperledger.fabric.protos.common.Block;
import weft.api.chaincode.Chaincode;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.plugin.Dependency;
import weft.api.validation.ValidationPlugin;
import weft.plugins.escc.DefaultEndorsementFactory;
import weft.plugins.vscc.DefaultValidationFactory;
import weft.runtime.committer.BlockValidator;
import weft.runtime.committer.ChannelCommitter;
import weft.runtime.endorser.chaincode.ChaincodeUnavailableException;
import weft.runtime.endorser.chaincode.ContractChaincode;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.ledger.ChannelLedger;

/**
 * A peer's endorsement and commit path, wired as the peer wires it but without the network: a ledger in a temp
 * directory, the committer with DefaultValidation as {@code vscc}, and the endorser with DefaultEndorsement as
 * {@code escc}, over a {@link TestNetwork} channel where chaincode {@code assets} ({@link AssetContract}) is
 * defined with endorsement policy {@code OR('Org1MSP.peer', 'Org2MSP.peer')}.
 */
public final class EndorserBench implements AutoCloseable {

    public static final String CHAINCODE = "assets";
    public static final String PACKAGE_ID = "assets_1.0:0123abcd";

    public final TestNetwork network = new TestNetwork();
    public final ChannelLedger ledger;
    public final ChannelCommitter committer;
    public final ProposalProcessor org1Peer;
    public final ProposalProcessor org2Peer;
    public final Client client;
    public final Map<String, Chaincode> packages = new HashMap<>();
    private final PluginIdentity esccIdentity;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor();

    public EndorserBench(Path dir) throws Exception {
        this(dir, "escc", null);
    }

    /**
     * A bench whose chaincode definition names {@code endorsementPlugin} (possibly pinned), and whose peers report
     * {@code esccIdentity} for their DefaultEndorsement ({@code null}: unknown).
     */
    public EndorserBench(Path dir, String endorsementPlugin, PluginIdentity esccIdentity) throws Exception {
        this.esccIdentity = esccIdentity;
        ledger = ChannelLedger.open(dir, TestNetwork.CHANNEL);
        ValidationPlugin vscc = new DefaultValidationFactory().newPlugin();
        Object initLock = new Object();
        boolean[] initialised = {false};
        committer = new ChannelCommitter(ledger, new BlockValidator(pool, calls, Duration.ofSeconds(30)),
                (name, dependencies) -> {
                    synchronized (initLock) {
                        if (!initialised[0]) {
                            vscc.init(dependencies);
                            initialised[0] = true;
                        }
                    }
                    return vscc;
                }, ChannelCommitter.RetryPolicy.STOP, null);
        committer.commit(network.genesis());
        committer.commit(network.definition(CHAINCODE, "1.0", "OR('Org1MSP.peer', 'Org2MSP.peer')", false,
                org.hyperledger.fabric.protos.peer.CollectionConfigPackage.getDefaultInstance(), endorsementPlugin));
        packages.put(PACKAGE_ID, ContractChaincode.of(List.of(new AssetContract())));
        org1Peer = processor(network.org1());
        org2Peer = processor(network.org2());
        client = new Client(network.org1().signer(network.org1().client()));
    }

    private ProposalProcessor processor(TestNetwork.Org org) {
        EndorserChannel channel = new EndorserChannel(ledger, committer::config);
        EndorsementPlugin escc = new DefaultEndorsementFactory().newPlugin();
        boolean[] initialised = {false};
        return new ProposalProcessor(id -> id.equals(TestNetwork.CHANNEL) ? Optional.of(channel) : Optional.empty(),
                new LifecycleChaincodeResolver(ApprovedPackages.NONE, Map.of(CHAINCODE, PACKAGE_ID)),
                packageId -> {
                    Chaincode chaincode = packages.get(packageId);
                    if (chaincode == null) {
                        throw new ChaincodeUnavailableException("package " + packageId + " is not installed");
                    }
                    return chaincode;
                },
                new EndorsementPlugins() {
                    @Override
                    public EndorsementPlugin plugin(String name, String channelId, Dependency... dependencies)
                            throws Exception {
                        if (!name.equals("escc")) {
                            throw new IllegalArgumentException("no endorsement plugin " + name);
                        }
                        synchronized (initialised) {
                            if (!initialised[0]) {
                                escc.init(dependencies);
                                initialised[0] = true;
                            }
                        }
                        return escc;
                    }

                    @Override
                    public Optional<PluginIdentity> identity(String pluginName) {
                        return Optional.ofNullable(esccIdentity);
                    }
                }, org.peerIdentity());
    }

    /** Endorses on Org1's peer; fails the test unless endorsed. */
    public ProposalResult endorse(Client.Signed proposal) {
        ProposalResult result = org1Peer.process(proposal.bytes());
        if (!result.endorsed()) {
            throw new AssertionError("not endorsed: " + result.response().getResponse().getStatus() + " "
                    + result.response().getResponse().getMessage());
        }
        return result;
    }

    /** Orders the envelopes into the next block and commits it; returns the block as stored. */
    public Block commit(List<com.google.protobuf.ByteString> envelopes) throws Exception {
        return committer.commit(network.block(envelopes));
    }

    /** Endorses on Org1's peer, commits alone in a block, returns the transaction's validation code. */
    public int submit(Client.Signed proposal) throws Exception {
        ProposalResult result = endorse(proposal);
        Block block = commit(List.of(client.transaction(proposal, List.of(result.response()))));
        return block.getMetadata().getMetadata(2).byteAt(0);
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        calls.shutdownNow();
        ledger.close();
    }
}
