package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgResult;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import weft.api.chaincode.Chaincode;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.Response;
import weft.runtime.lifecycle.state.ChaincodeDefinition;
import weft.runtime.lifecycle.state.ChaincodeParameters;
import weft.runtime.lifecycle.state.LifecycleKeys;
import weft.runtime.lifecycle.state.OpaqueState;

/**
 * Fabric v2's lifecycle system chaincode, {@code _lifecycle}: the chaincode a Fabric client's
 * {@code peer lifecycle chaincode ...} commands invoke. Each invocation has two arguments, the function name and
 * the function's marshalled {@code lifecycle.<Function>Args}; a success returns the marshalled
 * {@code lifecycle.<Function>Result}. The state it writes is Fabric's, byte for byte, so Fabric peers and Weft
 * peers on one channel agree on approvals and definitions.
 * <pre>{@code
 * Chaincode lifecycle = new LifecycleChaincode("Org1MSP", channelViews, installedPackages);
 * Response response = lifecycle.invoke(stub); // args: "ApproveChaincodeDefinitionForMyOrg", <args bytes>
 * }</pre>
 * Approvals are recorded for the organisation of <em>this peer</em> ({@code peerMspId}), in its implicit
 * collection, as Fabric does; who may invoke which function is the endorser's ACL check ({@code _lifecycle/<Function>}
 * resources), not this chaincode's.
 */
public final class LifecycleChaincode implements Chaincode {

    /** The chaincode's name and namespace. */
    public static final String NAME = LifecycleKeys.LIFECYCLE_NAMESPACE;

    public static final String INSTALL = "InstallChaincode";
    public static final String QUERY_INSTALLED = "QueryInstalledChaincode";
    public static final String QUERY_INSTALLED_ALL = "QueryInstalledChaincodes";
    public static final String GET_INSTALLED_PACKAGE = "GetInstalledChaincodePackage";
    public static final String APPROVE = "ApproveChaincodeDefinitionForMyOrg";
    public static final String QUERY_APPROVED = "QueryApprovedChaincodeDefinition";
    public static final String QUERY_APPROVED_ALL = "QueryApprovedChaincodeDefinitions";
    public static final String CHECK_COMMIT_READINESS = "CheckCommitReadiness";
    public static final String COMMIT = "CommitChaincodeDefinition";
    public static final String QUERY_DEFINITION = "QueryChaincodeDefinition";
    public static final String QUERY_DEFINITIONS = "QueryChaincodeDefinitions";

    /** Names of Fabric's system chaincodes, which no user chaincode may take. */
    static final Set<String> SYSTEM_CHAINCODE_NAMES = Set.of("cscc", "escc", "lscc", "qscc", "vscc");
    private static final Pattern CHAINCODE_NAME = Pattern.compile("[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*");
    private static final Pattern CHAINCODE_VERSION = Pattern.compile("[A-Za-z0-9_.+-]+");

    private final String peerMspId;
    private final ChannelViews channels;
    private final InstalledPackages packages;
    private final LifecycleFunctions functions = new LifecycleFunctions();

    /**
     * @param peerMspId the MSP id of this peer's organisation: approvals go to its implicit collection, and a
     *                  commit needs its approval
     * @param channels  the channels this peer has joined
     * @param packages  the chaincode packages installed on this peer
     */
    public LifecycleChaincode(String peerMspId, ChannelViews channels, InstalledPackages packages) {
        this.peerMspId = Objects.requireNonNull(peerMspId, "peerMspId");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.packages = Objects.requireNonNull(packages, "packages");
    }

    /** Fabric's system chaincodes have nothing to initialise. */
    @Override
    public Response init(ChaincodeStub stub) {
        return Response.success();
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        List<ByteString> args = stub.args();
        if (args.isEmpty()) {
            return Response.error("lifecycle scc must be invoked with arguments");
        }
        if (args.size() != 2) {
            return Response.error("lifecycle scc operations require exactly two arguments but received " + args.size());
        }
        String channelId = stub.channelId();
        ChannelView channel = null;
        if (!channelId.isEmpty()) {
            Optional<ChannelView> view = channels.channel(channelId);
            if (view.isEmpty()) {
                return Response.error("could not get channelconfig for channel '" + channelId + "'");
            }
            channel = view.get();
            if (!channel.lifecycleV20Enabled()) {
                return Response.error("cannot use new lifecycle for channel '" + channelId
                        + "' as it does not have the required capabilities enabled");
            }
        }
        String function = args.get(0).toStringUtf8();
        Invocation invocation = new Invocation(stub, channelId, channel, function, args.get(1));
        try {
            return Response.success(invocation.dispatch());
        } catch (LifecycleException e) {
            if (e.status() == LifecycleException.NOT_FOUND) {
                return new Response(LifecycleException.NOT_FOUND, e.getMessage(), ByteString.EMPTY);
            }
            return Response.error("failed to invoke backing implementation of '" + function + "': " + e.getMessage());
        } catch (ChaincodeException e) {
            return Response.error("failed to invoke backing implementation of '" + function + "': " + e.getMessage());
        }
    }

    /** One invocation: the stub, its channel (null for channel-less calls such as install) and the raw input. */
    private final class Invocation {

        private final ChaincodeStub stub;
        private final String channelId;
        private final ChannelView channel;
        private final String function;
        private final ByteString input;

        Invocation(ChaincodeStub stub, String channelId, ChannelView channel, String function, ByteString input) {
            this.stub = stub;
            this.channelId = channelId;
            this.channel = channel;
            this.function = function;
            this.input = input;
        }

        ByteString dispatch() throws LifecycleException {
            Message result = switch (function) {
                case INSTALL -> install(decode(InstallChaincodeArgs.parser()));
                case QUERY_INSTALLED -> queryInstalled(decode(QueryInstalledChaincodeArgs.parser()));
                case QUERY_INSTALLED_ALL -> queryInstalledAll(decode(QueryInstalledChaincodesArgs.parser()));
                case GET_INSTALLED_PACKAGE -> installedPackage(decode(GetInstalledChaincodePackageArgs.parser()));
                case APPROVE -> approve(decode(ApproveChaincodeDefinitionForMyOrgArgs.parser()));
                case QUERY_APPROVED -> queryApproved(decode(QueryApprovedChaincodeDefinitionArgs.parser()));
                case QUERY_APPROVED_ALL -> throw new LifecycleException(QUERY_APPROVED_ALL + " is not supported by "
                        + "this peer: it needs a range query over private data, which the chaincode API lacks; query "
                        + "one definition with " + QUERY_APPROVED);
                case CHECK_COMMIT_READINESS -> checkCommitReadiness(decode(CheckCommitReadinessArgs.parser()));
                case COMMIT -> commit(decode(CommitChaincodeDefinitionArgs.parser()));
                case QUERY_DEFINITION -> queryDefinition(decode(QueryChaincodeDefinitionArgs.parser()));
                case QUERY_DEFINITIONS -> queryDefinitions(decode(QueryChaincodeDefinitionsArgs.parser()));
                default -> throw new LifecycleException("unknown function '" + function + "'; _lifecycle has "
                        + String.join(", ", INSTALL, QUERY_INSTALLED, QUERY_INSTALLED_ALL, GET_INSTALLED_PACKAGE, APPROVE,
                        QUERY_APPROVED, QUERY_APPROVED_ALL, CHECK_COMMIT_READINESS, COMMIT, QUERY_DEFINITION,
                        QUERY_DEFINITIONS));
            };
            return result.toByteString();
        }

        private <T extends Message> T decode(Parser<T> parser) throws LifecycleException {
            try {
                return parser.parseFrom(input);
            } catch (InvalidProtocolBufferException e) {
                throw new LifecycleException("could not decode input arg for " + function + ": " + e.getMessage(), e);
            }
        }

        private ChannelView channel() throws LifecycleException {
            if (channel == null) {
                throw new LifecycleException(function + " needs a channel, but the proposal names none");
            }
            return channel;
        }

        // ---- installed packages (channel-less) ----

        private Message install(InstallChaincodeArgs args) throws LifecycleException {
            try {
                InstalledPackage installed = packages.install(args.getChaincodeInstallPackage());
                return InstallChaincodeResult.newBuilder().setPackageId(installed.packageId())
                        .setLabel(installed.label()).build();
            } catch (PackageInstallException e) {
                throw new LifecycleException(e.getMessage(), e);
            }
        }

        private Message queryInstalled(QueryInstalledChaincodeArgs args) throws LifecycleException {
            InstalledPackage installed = packages.find(args.getPackageId()).orElseThrow(() ->
                    new LifecycleException("could not find chaincode with package id '" + args.getPackageId() + "'"));
            QueryInstalledChaincodeResult.Builder result = QueryInstalledChaincodeResult.newBuilder()
                    .setPackageId(installed.packageId()).setLabel(installed.label());
            installed.references().forEach((channelName, references) -> {
                QueryInstalledChaincodeResult.References.Builder refs = QueryInstalledChaincodeResult.References.newBuilder();
                references.forEach(r -> refs.addChaincodes(QueryInstalledChaincodeResult.Chaincode.newBuilder()
                        .setName(r.name()).setVersion(r.version())));
                result.putReferences(channelName, refs.build());
            });
            return result.build();
        }

        private Message queryInstalledAll(QueryInstalledChaincodesArgs args) {
            QueryInstalledChaincodesResult.Builder result = QueryInstalledChaincodesResult.newBuilder();
            for (InstalledPackage installed : packages.list()) {
                QueryInstalledChaincodesResult.InstalledChaincode.Builder entry =
                        QueryInstalledChaincodesResult.InstalledChaincode.newBuilder()
                                .setPackageId(installed.packageId()).setLabel(installed.label());
                installed.references().forEach((channelName, references) -> {
                    QueryInstalledChaincodesResult.References.Builder refs =
                            QueryInstalledChaincodesResult.References.newBuilder();
                    references.forEach(r -> refs.addChaincodes(QueryInstalledChaincodesResult.Chaincode.newBuilder()
                            .setName(r.name()).setVersion(r.version())));
                    entry.putReferences(channelName, refs.build());
                });
                result.addInstalledChaincodes(entry);
            }
            return result.build();
        }

        private Message installedPackage(GetInstalledChaincodePackageArgs args) throws LifecycleException {
            ByteString bytes = packages.packageBytes(args.getPackageId()).orElseThrow(() ->
                    new LifecycleException("could not load cc install package: chaincode install package '"
                            + args.getPackageId() + "' not found"));
            return GetInstalledChaincodePackageResult.newBuilder().setChaincodeInstallPackage(bytes).build();
        }

        // ---- definitions on the channel ----

        private Message approve(ApproveChaincodeDefinitionForMyOrgArgs args) throws LifecycleException {
            ChannelView view = channel();
            validateInput(view, args.getName(), args.getVersion(), args.getCollections());
            String packageId = args.getSource().getTypeCase() == ChaincodeSource.TypeCase.LOCAL_PACKAGE
                    ? args.getSource().getLocalPackage().getPackageId() : "";
            // Fabric rebuilds the package from its entries, so an approval always stores a (maybe empty) package.
            CollectionConfigPackage collections = CollectionConfigPackage.newBuilder()
                    .addAllConfig(args.getCollections().getConfigList()).build();
            ChaincodeParameters parameters = parameters(args.getVersion(), args.getEndorsementPlugin(),
                    args.getInitRequired(), args.getValidationPlugin(), args.getValidationParameter(), collections);
            functions.approve(channelId, view, args.getName(), args.getSequence(), parameters, packageId,
                    StubStates.publicState(stub),
                    StubStates.privateState(stub, LifecycleKeys.implicitCollection(peerMspId)));
            return ApproveChaincodeDefinitionForMyOrgResult.getDefaultInstance();
        }

        private Message queryApproved(QueryApprovedChaincodeDefinitionArgs args) throws LifecycleException {
            channel();
            LifecycleFunctions.Approval approval = functions.queryApproved(channelId, args.getName(), args.getSequence(),
                    StubStates.publicState(stub),
                    StubStates.privateState(stub, LifecycleKeys.implicitCollection(peerMspId)));
            ChaincodeParameters p = approval.parameters();
            ChaincodeSource source = approval.packageId().isEmpty()
                    ? ChaincodeSource.newBuilder().setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance()).build()
                    : ChaincodeSource.newBuilder().setLocalPackage(ChaincodeSource.Local.newBuilder()
                    .setPackageId(approval.packageId())).build();
            return QueryApprovedChaincodeDefinitionResult.newBuilder().setSequence(approval.sequence())
                    .setVersion(p.endorsementInfo().getVersion())
                    .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
                    .setValidationPlugin(p.validationInfo().getValidationPlugin())
                    .setValidationParameter(p.validationInfo().getValidationParameter())
                    .setInitRequired(p.endorsementInfo().getInitRequired())
                    .setCollections(p.collections()).setSource(source).build();
        }

        private Message checkCommitReadiness(CheckCommitReadinessArgs args) throws LifecycleException {
            ChannelView view = channel();
            ChaincodeParameters parameters = parameters(args.getVersion(), args.getEndorsementPlugin(),
                    args.getInitRequired(), args.getValidationPlugin(), args.getValidationParameter(),
                    args.getCollections());
            LifecycleFunctions.Readiness readiness = functions.checkCommitReadiness(channelId, view, args.getName(),
                    args.getSequence(), parameters, StubStates.publicState(stub), orgStates(view));
            CheckCommitReadinessResult.Builder result = CheckCommitReadinessResult.newBuilder()
                    .putAllApprovals(readiness.approvals());
            readiness.mismatches().forEach((org, items) -> result.putMismatches(org,
                    CheckCommitReadinessResult.Mismatches.newBuilder().addAllItems(items).build()));
            return result.build();
        }

        private Message commit(CommitChaincodeDefinitionArgs args) throws LifecycleException {
            ChannelView view = channel();
            validateInput(view, args.getName(), args.getVersion(), args.getCollections());
            if (!view.applicationOrganizations().contains(peerMspId)) {
                throw new LifecycleException("impossibly, this peer's org is processing requests for a channel it is "
                        + "not a member of");
            }
            ChaincodeParameters parameters = parameters(args.getVersion(), args.getEndorsementPlugin(),
                    args.getInitRequired(), args.getValidationPlugin(), args.getValidationParameter(),
                    args.getCollections());
            Map<String, Boolean> approvals = functions.commit(channelId, view, args.getName(), args.getSequence(),
                    parameters, StubStates.publicState(stub), orgStates(view));
            if (!Boolean.TRUE.equals(approvals.get(peerMspId))) {
                throw new LifecycleException("chaincode definition not agreed to by this org (" + peerMspId + ")");
            }
            return CommitChaincodeDefinitionResult.getDefaultInstance();
        }

        private Message queryDefinition(QueryChaincodeDefinitionArgs args) throws LifecycleException {
            ChannelView view = channel();
            ChaincodeDefinition definition = functions.queryDefinition(args.getName(), StubStates.publicState(stub));
            LifecycleFunctions.Readiness readiness = functions.approvals(args.getName(), definition, orgStates(view));
            ChaincodeParameters p = definition.parameters();
            return QueryChaincodeDefinitionResult.newBuilder().setSequence(definition.sequence())
                    .setVersion(p.endorsementInfo().getVersion())
                    .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
                    .setValidationPlugin(p.validationInfo().getValidationPlugin())
                    .setValidationParameter(p.validationInfo().getValidationParameter())
                    .setInitRequired(p.endorsementInfo().getInitRequired())
                    .setCollections(p.collections())
                    .putAllApprovals(readiness.approvals()).build();
        }

        private Message queryDefinitions(QueryChaincodeDefinitionsArgs args) throws LifecycleException {
            channel();
            StubStates.PublicState state = StubStates.publicState(stub);
            QueryChaincodeDefinitionsResult.Builder result = QueryChaincodeDefinitionsResult.newBuilder();
            for (Map.Entry<String, String> namespace : functions.namespaces(state).entrySet()) {
                if (!namespace.getValue().equals(LifecycleFunctions.FRIENDLY_CHAINCODE_TYPE)) {
                    continue;
                }
                ChaincodeDefinition definition = functions.queryDefinition(namespace.getKey(), state);
                ChaincodeParameters p = definition.parameters();
                result.addChaincodeDefinitions(QueryChaincodeDefinitionsResult.ChaincodeDefinition.newBuilder()
                        .setName(namespace.getKey()).setSequence(definition.sequence())
                        .setVersion(p.endorsementInfo().getVersion())
                        .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
                        .setValidationPlugin(p.validationInfo().getValidationPlugin())
                        .setValidationParameter(p.validationInfo().getValidationParameter())
                        .setInitRequired(p.endorsementInfo().getInitRequired())
                        .setCollections(p.collections()));
            }
            return result.build();
        }

        // ---- shared ----

        /** Every application organisation's implicit collection, as hashes. */
        private List<OpaqueState> orgStates(ChannelView view) {
            List<OpaqueState> states = new ArrayList<>();
            for (String org : view.applicationOrganizations()) {
                states.add(StubStates.privateState(stub, LifecycleKeys.implicitCollection(org)));
            }
            return states;
        }

        /**
         * The checks an approval and a commit make on the definition itself: name and version syntax, no system
         * chaincode name, collections well formed and compatible with the committed definition's.
         */
        private void validateInput(ChannelView view, String name, String version, CollectionConfigPackage collections)
                throws LifecycleException {
            try {
                if (!CHAINCODE_NAME.matcher(name).matches()) {
                    throw new LifecycleException("invalid chaincode name '" + name + "'. Names can only consist of "
                            + "alphanumerics, '_', and '-' and can only begin with alphanumerics");
                }
                if (SYSTEM_CHAINCODE_NAMES.contains(name)) {
                    throw new LifecycleException("chaincode name '" + name + "' is the name of a system chaincode");
                }
                if (!CHAINCODE_VERSION.matcher(version).matches()) {
                    throw new LifecycleException("invalid chaincode version '" + version + "'. Versions can only "
                            + "consist of alphanumerics, '_', '-', '+', and '.'");
                }
                List<StaticCollectionConfig> configs = CollectionConfigRules.staticConfigs(collections);
                CollectionConfigRules.validate(configs, view);
                Optional<ChaincodeDefinition> committed;
                try {
                    committed = functions.committedDefinition(name, StubStates.publicState(stub));
                } catch (LifecycleException e) {
                    throw new LifecycleException("could not retrieve committed definition for chaincode '" + name
                            + "': " + e.getMessage(), e);
                }
                if (committed.isPresent()) {
                    CollectionConfigRules.validateAgainstCommitted(configs, committed.get().parameters().collections());
                }
            } catch (LifecycleException e) {
                throw new LifecycleException("error validating chaincode definition: " + e.getMessage(), e);
            }
        }

        private ChaincodeParameters parameters(String version, String endorsementPlugin, boolean initRequired,
                                               String validationPlugin, ByteString validationParameter,
                                               CollectionConfigPackage collections) {
            return new ChaincodeParameters(
                    ChaincodeEndorsementInfo.newBuilder().setVersion(version).setEndorsementPlugin(endorsementPlugin)
                            .setInitRequired(initRequired).build(),
                    ChaincodeValidationInfo.newBuilder().setValidationPlugin(validationPlugin)
                            .setValidationParameter(validationParameter).build(),
                    collections);
        }
    }
}
