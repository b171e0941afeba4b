package weft.runtime.endorser;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.runtime.ledger.block.Sha256;
import weft.api.chaincode.Chaincode;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.Response;
import weft.api.endorsement.EndorsementPlugin;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.handlers.PluginReference;
import weft.api.endorsement.EndorsementResult;
import weft.api.endorsement.SigningIdentity;
import weft.api.identity.Identity;
import weft.api.identity.IdentityException;
import weft.api.identity.SignedData;
import weft.api.plugin.Dependency;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.endorser.chaincode.ChaincodeLookup;
import weft.runtime.endorser.chaincode.ChaincodeUnavailableException;
import weft.runtime.endorser.internal.EndorsementDependencies;
import weft.runtime.endorser.internal.ProposalContext;
import weft.runtime.endorser.internal.SimulatorStub;
import weft.runtime.endorser.simulation.SimulationException;
import weft.runtime.endorser.simulation.SimulationResults;
import weft.runtime.endorser.simulation.TxSimulator;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.LedgerSnapshot;
import weft.runtime.ledger.block.TransactionIds;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.store.LedgerStoreException;
import weft.runtime.msp.MspIdentity;
import weft.runtime.policy.PolicyException;

/**
 * Fabric's endorser for one peer: takes a {@code SignedProposal}, checks it as Fabric does, simulates the
 * chaincode and has the endorsement plugin named by the chaincode's definition endorse the result.
 *
 * <p>Checks, in Fabric's order, each failing the proposal with status 500 and a message: the proposal parses;
 * header type ENDORSER_TRANSACTION (or CONFIG); epoch 0; nonce and creator present; the channel is known; the
 * creator is an identity of the channel's MSPs, valid and within its certificate's validity period; the signature
 * over the proposal bytes verifies; txid = hex(SHA-256(nonce ‖ creator)); a chaincode is named; the txid is not
 * in the ledger yet; the creator satisfies {@value #WRITERS} (system chaincodes check their own access).
 *
 * <p>Then it simulates on one snapshot of the ledger (the same one the replay check used), builds
 * {@code ProposalResponsePayload{proposal_hash, ChaincodeAction{results, events, response, chaincode_id}}} and
 * endorses it. A response with status 400 or more is returned unendorsed and changes nothing. No chaincode
 * exception or error ever escapes: it becomes a status 500 response naming it.
 *
 * <p>Thread-safe: proposals are processed concurrently, each on its caller's thread.
 */
public final class ProposalProcessor {

    /** The ACL a proposal's creator must satisfy (Fabric's {@code peer/Propose} resource). */
    public static final String WRITERS = "/Channel/Application/Writers";

    private static final System.Logger LOG = System.getLogger(ProposalProcessor.class.getName());
    private static final String INITIALIZED_KEY = "\u0000" + new String(Character.toChars(0x10FFFF)) + "initialized";

    private final Function<String, Optional<EndorserChannel>> channels;
    private final ChaincodeResolver resolver;
    private final ChaincodeLookup chaincodes;
    private final EndorsementPlugins plugins;
    private final SigningIdentity peerIdentity;
    private final Clock clock;
    private final Map<String, Chaincode> systemChaincodes = new ConcurrentHashMap<>();
    private final Map<String, Dependency[]> dependencies = new ConcurrentHashMap<>();

    /**
     * @param channels     the channels this peer has joined, by id
     * @param resolver     how a chaincode name maps to a definition and an installed package
     * @param chaincodes   which chaincode serves a package
     * @param plugins      the endorsement plugins (the handler registry)
     * @param peerIdentity the peer's signing identity, for DefaultEndorsement and other plugins
     */
    public ProposalProcessor(Function<String, Optional<EndorserChannel>> channels, ChaincodeResolver resolver,
                             ChaincodeLookup chaincodes, EndorsementPlugins plugins, SigningIdentity peerIdentity) {
        this(channels, resolver, chaincodes, plugins, peerIdentity, Clock.systemUTC());
    }

    public ProposalProcessor(Function<String, Optional<EndorserChannel>> channels, ChaincodeResolver resolver,
                             ChaincodeLookup chaincodes, EndorsementPlugins plugins, SigningIdentity peerIdentity,
                             Clock clock) {
        this.channels = channels;
        this.resolver = resolver;
        this.chaincodes = chaincodes;
        this.plugins = plugins;
        this.peerIdentity = peerIdentity;
        this.clock = clock;
    }

    /**
     * Serves {@code name} with a system chaincode (such as {@code _lifecycle}): version {@code syscc}, endorsed
     * by {@code escc}, no definition, and no Writers check (it checks its own access).
     */
    public void registerSystemChaincode(String name, Chaincode chaincode) {
        systemChaincodes.put(name, chaincode);
    }

    /** A proposal refused before simulation; the message goes to the client. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** A proposal that passed the checks. */
    private record Checked(SignedProposal signed, EndorserChannel channel, ChannelHeader channelHeader,
                           SignatureHeader signatureHeader, String chaincode, ChaincodeInput input,
                           Map<String, ByteString> transientData, ByteString proposalHash) {
    }

    /** Processes one proposal; never throws. */
    public ProposalResult process(ByteString signedProposalBytes) {
        try {
            SignedProposal signed;
            try {
                signed = SignedProposal.parseFrom(signedProposalBytes);
            } catch (InvalidProtocolBufferException e) {
                return failed("the signed proposal does not parse: " + e.getMessage());
            }
            return process(signed);
        } catch (Throwable t) { // never let anything escape to the caller (a network service, later)
            LOG.log(System.Logger.Level.ERROR, "processing a proposal failed unexpectedly", t);
            return failed("the proposal could not be processed: " + t);
        }
    }

    /** Processes one proposal; never throws. */
    public ProposalResult process(SignedProposal signed) {
        try {
            Checked proposal;
            try {
                proposal = check(signed);
            } catch (Refusal refusal) {
                LOG.log(System.Logger.Level.DEBUG, "proposal refused: {0}", refusal.getMessage());
                return failed(refusal.getMessage());
            }
            return simulateAndEndorse(proposal);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "processing a proposal failed unexpectedly", t);
            return failed("the proposal could not be processed: " + t);
        }
    }

    private Checked check(SignedProposal signed) throws Refusal {
        if (signed.getProposalBytes().isEmpty()) {
            throw new Refusal("the signed proposal has no proposal bytes");
        }
        if (signed.getSignature().isEmpty()) {
            throw new Refusal("the signed proposal has no signature");
        }
        Proposal proposal;
        Header header;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            proposal = Proposal.parseFrom(signed.getProposalBytes());
            header = Header.parseFrom(proposal.getHeader());
            channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new Refusal("the proposal or its header does not parse: " + e.getMessage());
        }
        int type = channelHeader.getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE) {
            throw new Refusal("invalid header type " + type + ": a proposal must be an ENDORSER_TRANSACTION");
        }
        if (channelHeader.getEpoch() != 0) {
            throw new Refusal("invalid epoch " + channelHeader.getEpoch() + " in the channel header: it must be 0");
        }
        if (signatureHeader.getNonce().isEmpty()) {
            throw new Refusal("the signature header has no nonce");
        }
        if (signatureHeader.getCreator().isEmpty()) {
            throw new Refusal("the signature header has no creator");
        }
        String channelId = channelHeader.getChannelId();
        if (channelId.isEmpty()) {
            throw new Refusal("the proposal names no channel; proposals outside a channel are not served");
        }
        EndorserChannel channel = channels.apply(channelId)
                .orElseThrow(() -> new Refusal("channel '" + channelId + "' not found"));
        ChannelConfig config = channel.config().get();
        checkCreator(signed, signatureHeader.getCreator(), config, channelId);
        String expectedTxId = TransactionIds.of(signatureHeader.getNonce(), signatureHeader.getCreator());
        if (!expectedTxId.equals(channelHeader.getTxId())) {
            throw new Refusal("invalid txid '" + channelHeader.getTxId() + "': it must be hex(SHA-256(nonce ‖ creator)),"
                    + " which is " + expectedTxId);
        }
        ChaincodeHeaderExtension extension;
        ChaincodeProposalPayload payload;
        ChaincodeInvocationSpec spec;
        try {
            extension = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension());
            payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
        } catch (InvalidProtocolBufferException e) {
            throw new Refusal("the chaincode header extension or proposal payload does not parse: " + e.getMessage());
        }
        if (!extension.hasChaincodeId() || extension.getChaincodeId().getName().isEmpty()) {
            throw new Refusal("the proposal names no chaincode (its header extension has no chaincode id)");
        }
        return new Checked(signed, channel, channelHeader, signatureHeader, extension.getChaincodeId().getName(),
                spec.getChaincodeSpec().getInput(), payload.getTransientMapMap(), proposalHash(header, payload));
    }

    private void checkCreator(SignedProposal signed, ByteString creator, ChannelConfig config, String channelId)
            throws Refusal {
        Identity identity;
        try {
            identity = config.msps().deserializeIdentity(creator);
        } catch (IdentityException e) {
            throw new Refusal("the creator is not an identity of channel " + channelId + ": " + e.getMessage());
        }
        try {
            identity.validate();
            if (identity instanceof MspIdentity msp) {
                msp.checkValidityPeriod(clock.instant());
            }
        } catch (IdentityException e) {
            throw new Refusal("the creator is not a valid identity of channel " + channelId + ": " + e.getMessage());
        }
        try {
            identity.verify(signed.getProposalBytes(), signed.getSignature());
        } catch (IdentityException e) {
            throw new Refusal("the proposal's signature does not verify against its creator: " + e.getMessage());
        }
    }

    /** Fabric's rule: channel header ‖ signature header ‖ the chaincode proposal payload without transient data. */
    private static ByteString proposalHash(Header header, ChaincodeProposalPayload payload) {
        ByteString withoutTransient = ChaincodeProposalPayload.newBuilder().setInput(payload.getInput()).build()
                .toByteString();
        MessageDigest digest = Sha256.digest();
        digest.update(header.getChannelHeader().asReadOnlyByteBuffer());
        digest.update(header.getSignatureHeader().asReadOnlyByteBuffer());
        digest.update(withoutTransient.asReadOnlyByteBuffer());
        return ByteString.copyFrom(digest.digest());
    }

    private ProposalResult simulateAndEndorse(Checked proposal) throws LedgerException {
        String channelId = proposal.channel().channelId();
        String txId = proposal.channelHeader().getTxId();
        Chaincode system = systemChaincodes.get(proposal.chaincode());
        Response response;
        SimulationResults results = null;
        ChaincodeBinding binding;
        Optional<ChaincodeEvent> event = Optional.empty();
        long height;
        try (TxSimulator simulator = new TxSimulator(proposal.channel().ledger().snapshot())) {
            LedgerSnapshot snapshot = simulator.snapshot();
            height = snapshot.height();
            if (snapshot.txIdExists(txId)) {
                return failed("duplicate transaction found [" + txId + "]: it is already in the ledger of channel "
                        + channelId);
            }
            if (system == null) {
                try {
                    proposal.channel().config().get().policies().evaluate(WRITERS, List.of(new SignedData(
                            proposal.signed().getProposalBytes(), proposal.signatureHeader().getCreator(),
                            proposal.signed().getSignature())));
                } catch (PolicyException e) {
                    return failed("access denied for proposal " + txId + " on channel " + channelId
                            + ": the creator does not satisfy " + WRITERS + ": " + e.getMessage());
                }
            }
            Chaincode chaincode;
            try {
                if (system != null) {
                    binding = new ChaincodeBinding(proposal.chaincode(), ChaincodeBinding.SYSTEM_VERSION,
                            ChaincodeBinding.DEFAULT_ENDORSEMENT_PLUGIN, false, java.util.Set.of(), "");
                    chaincode = system;
                } else {
                    binding = resolver.resolve(channelId, proposal.chaincode(), simulator);
                    chaincode = chaincodes.chaincode(binding.packageId());
                }
            } catch (ChaincodeResolutionException | ChaincodeUnavailableException e) {
                return failed("make sure the chaincode " + proposal.chaincode() + " has been successfully defined on"
                        + " channel " + channelId + " and installed on this peer, and try again: " + e.getMessage());
            } catch (SimulationException e) {
                return failed("simulation of " + txId + " failed: " + e.getMessage());
            }
            SimulatorStub stub = new SimulatorStub(context(proposal), proposal.chaincode(), simulator,
                    binding::hasCollection);
            try {
                boolean runInit = binding.initRequired() && checkInit(binding, proposal.input(), simulator);
                response = invoke(chaincode, stub, runInit, binding.name());
                if (response.status() < Response.ERROR) {
                    results = simulator.done();
                    event = stub.event();
                }
            } catch (SimulationException | ChaincodeException e) {
                response = Response.error(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return respond(proposal, binding, response, results, event, height);
    }

    /** Fabric's init rule for definitions with {@code --init-required}: once, first, and only by an init call. */
    private static boolean checkInit(ChaincodeBinding binding, ChaincodeInput input, TxSimulator simulator) {
        Optional<VersionedValue> initialized = simulator.getState(binding.name(), INITIALIZED_KEY);
        if (initialized.isPresent() && !initialized.get().value().isEmpty()) {
            if (input.getIsInit()) {
                throw new ChaincodeException("chaincode '" + binding.name() + "' is already initialized but called as init");
            }
            return false;
        }
        if (!input.getIsInit()) {
            throw new ChaincodeException("chaincode '" + binding.name() + "' has not been initialized for this version,"
                    + " must call as init first");
        }
        simulator.putState(binding.name(), INITIALIZED_KEY, ByteString.copyFromUtf8(binding.version()));
        return true;
    }

    /** Runs the chaincode; whatever it throws becomes a status 500 response naming it. */
    private static Response invoke(Chaincode chaincode, SimulatorStub stub, boolean init, String name) {
        try {
            Response response = init ? chaincode.init(stub) : chaincode.invoke(stub);
            if (response == null) {
                return Response.error("chaincode " + name + " returned no response");
            }
            return response;
        } catch (ChaincodeException e) {
            return new Response(Response.ERROR, e.getMessage() == null ? "" : e.getMessage(), e.payload());
        } catch (SimulationException e) {
            return Response.error(e.getMessage());
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                LOG.log(System.Logger.Level.ERROR, "chaincode " + name + " broke the JVM's limits", t);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "chaincode " + name + " threw", t);
            }
            return Response.error("chaincode " + name + " failed: " + t);
        }
    }

    private static ProposalContext context(Checked proposal) {
        Timestamp ts = proposal.channelHeader().getTimestamp();
        return new ProposalContext(proposal.channel().channelId(), proposal.channelHeader().getTxId(),
                Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()), proposal.signatureHeader().getCreator(),
                proposal.input().getArgsList(), proposal.transientData(), proposal.input().getIsInit());
    }

    private ProposalResult respond(Checked proposal, ChaincodeBinding binding, Response response,
                                   SimulationResults results, Optional<ChaincodeEvent> event, long height) {
        org.hyperledger.fabric.protos.peer.Response fabricResponse = org.hyperledger.fabric.protos.peer.Response
                .newBuilder().setStatus(response.status()).setMessage(response.message())
                .setPayload(response.payload()).build();
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder().setResponse(fabricResponse)
                .setChaincodeId(ChaincodeID.newBuilder().setName(binding.name()).setVersion(binding.version()));
        if (results != null) {
            action.setResults(results.publicRwSet().toByteString());
        }
        event.ifPresent(e -> action.setEvents(e.toByteString()));
        ByteString payload = ProposalResponsePayload.newBuilder().setProposalHash(proposal.proposalHash())
                .setExtension(action.build().toByteString()).build().toByteString();
        if (response.status() >= Response.ERROR) {
            return new ProposalResult(ProposalResponse.newBuilder().setResponse(fabricResponse).setPayload(payload)
                    .build(), Optional.empty());
        }
        if (response.status() >= Response.ERROR_THRESHOLD) {
            return new ProposalResult(ProposalResponse.newBuilder().setResponse(fabricResponse).build(), Optional.empty());
        }
        String channelId = proposal.channel().channelId();
        EndorsementResult endorsed;
        PluginReference pluginReference;
        try {
            pluginReference = PluginReference.parse(binding.endorsementPlugin());
        } catch (IllegalArgumentException e) {
            return failed("chaincode " + binding.name() + "'s endorsement plugin '" + binding.endorsementPlugin()
                    + "' is not a plugin name or a valid pin: " + e.getMessage());
        }
        if (pluginReference.pin().isPresent()
                && !pluginReference.pin().equals(plugins.identity(pluginReference.pluginName()))) {
            // The definition agreed on exact code; endorsing with other code could sign what the others would not.
            return failed("chaincode " + binding.name() + " pins endorsement plugin '" + pluginReference.pluginName()
                    + "' to " + pluginReference.pin().get() + ", but this peer's '" + pluginReference.pluginName()
                    + "' is " + plugins.identity(pluginReference.pluginName()).map(PluginIdentity::toString)
                    .orElse("of unknown identity") + "; not endorsing with a different plugin");
        }
        try {
            EndorsementPlugin plugin = plugins.plugin(pluginReference.pluginName(), channelId,
                    dependencies.computeIfAbsent(channelId, c -> EndorsementDependencies.of(
                            proposal.channel().ledger(), peerIdentity)));
            endorsed = plugin.endorse(payload, proposal.signed());
        } catch (Exception e) {
            return failed("endorsement plugin '" + binding.endorsementPlugin() + "' failed to endorse on channel "
                    + channelId + ": " + e.getMessage());
        }
        if (results.privateRwSet().isPresent()) {
            // Kept until the transaction commits, when the ledger applies it where this peer is a collection member.
            // Without it this peer's own private writes would be missing, so the endorsement is withdrawn.
            try {
                proposal.channel().ledger().transientStore().persist(proposal.channelHeader().getTxId(), height,
                        results.privateRwSet().get());
            } catch (LedgerStoreException e) {
                return failed("failed to keep the private data of " + proposal.channelHeader().getTxId()
                        + " in the transient store of channel " + channelId + ": " + e.getMessage());
            }
        }
        return new ProposalResult(ProposalResponse.newBuilder().setVersion(1)
                .setResponse(fabricResponse)
                .setPayload(endorsed.proposalResponsePayload()).setEndorsement(endorsed.endorsement()).build(),
                results.privateRwSet());
    }

    private static ProposalResult failed(String message) {
        return new ProposalResult(ProposalResponse.newBuilder().setResponse(org.hyperledger.fabric.protos.peer.Response
                .newBuilder().setStatus(Response.ERROR).setMessage(message)).build(), Optional.empty());
    }
}
