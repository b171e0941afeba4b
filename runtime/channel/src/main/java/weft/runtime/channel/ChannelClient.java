package weft.runtime.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import weft.api.endorsement.SigningIdentity;
import weft.runtime.lifecycle.LifecycleChaincode;
import weft.runtime.lifecycle.cli.CliOptionException;
import weft.runtime.lifecycle.cli.LifecycleOptions;

/**
 * One client identity using a {@link ChannelGateway}, as Fabric's gateway SDK and peer CLI do: evaluate (endorse on
 * this peer, return the result), submit (endorse, assemble, order, wait for the commit), and the lifecycle steps of
 * {@code peer lifecycle chaincode} with Fabric's options.
 * <pre>{@code
 * ChannelClient admin = new ChannelClient(gateway, adminIdentity, Duration.ofSeconds(30));
 * String packageId = admin.install(jarBytes);
 * admin.approveForMyOrg("mychannel", LifecycleOptions.parse(List.of("-n", "basic", "-v", "1.0", "--sequence", "1",
 *         "--package-id", packageId)));
 * admin.commitDefinition("mychannel", options);
 * admin.submit("mychannel", "basic", List.of("InitLedger"));
 * }</pre>
 */
public final class ChannelClient {

    private final ChannelGateway gateway;
    private final List<ChannelGateway> otherEndorsers;
    private final GatewayClient client;
    private final Duration timeout;

    public ChannelClient(ChannelGateway gateway, SigningIdentity identity, Duration timeout) {
        this(gateway, List.of(), identity, timeout);
    }

    /**
     * A client whose transactions are endorsed by {@code gateway}'s peer and by each of {@code otherEndorsers} (peers
     * of other organisations, so that a policy such as {@code MAJORITY Endorsement} is met), and submitted through
     * {@code gateway}. Queries and this organisation's own lifecycle steps (install, approve) go to
     * {@code gateway} only.
     */
    public ChannelClient(ChannelGateway gateway, List<? extends ChannelGateway> otherEndorsers, SigningIdentity identity,
                         Duration timeout) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.otherEndorsers = List.copyOf(otherEndorsers);
        this.client = new GatewayClient(identity);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A refused proposal or transaction: the message says which, and why. */
    public static final class ClientException extends Exception {
        private static final long serialVersionUID = 1L;

        public ClientException(String message) {
            super(message);
        }

        public ClientException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The result of a submitted transaction: the chaincode's response payload and the commit status. */
    public record Submitted(ByteString payload, CommitStatus status) {
    }

    /** Evaluates a chaincode function; returns its response payload. */
    public ByteString evaluate(String channelId, String chaincode, List<ByteString> args) throws ClientException {
        GatewayClient.Proposed proposed = client.propose(channelId, chaincode, args);
        return success(chaincode, args, gateway.evaluate(proposed.signed())).getResponse().getPayload();
    }

    /**
     * Submits a chaincode transaction and waits for its commit.
     *
     * @throws ClientException when it is not endorsed, refused by ordering, not committed in time, or committed
     *                         with a code other than VALID
     */
    public Submitted submit(String channelId, String chaincode, List<ByteString> args) throws ClientException {
        return submit(channelId, chaincode, args, true);
    }

    private Submitted submit(String channelId, String chaincode, List<ByteString> args, boolean allEndorsers)
            throws ClientException {
        GatewayClient.Proposed proposed = client.propose(channelId, chaincode, args);
        ProposalResponse response = success(chaincode, args, gateway.endorse(proposed.signed()));
        List<ProposalResponse> endorsements = new ArrayList<>(List.of(response));
        if (allEndorsers) {
            for (ChannelGateway other : otherEndorsers) {
                ProposalResponse endorsed = success(chaincode, args, other.endorse(proposed.signed()));
                if (!endorsed.getPayload().equals(response.getPayload())) {
                    throw new ClientException("the endorsements of transaction " + proposed.txId() + " differ: the "
                            + "peers simulated different results (a non-deterministic chaincode, or ledgers at "
                            + "different heights)");
                }
                endorsements.add(endorsed);
            }
        }
        CommitStatus status;
        try {
            status = gateway.submit(client.transaction(proposed, endorsements), timeout);
        } catch (BroadcastException e) {
            throw new ClientException("transaction " + proposed.txId() + " was refused by ordering (" + e.status()
                    + "): " + e.getMessage(), e);
        } catch (CommitTimeoutException e) {
            throw new ClientException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for transaction " + proposed.txId(), e);
        }
        if (!status.valid()) {
            throw new ClientException("transaction " + status.txId() + " was committed in block "
                    + status.blockNumber() + " as invalid: " + status.code());
        }
        awaitOtherPeers(channelId, status);
        return new Submitted(response.getResponse().getPayload(), status);
    }

    /**
     * Waits until every other peer this client endorses with has committed the transaction's block too, as Fabric's
     * CLI waits for the commit event of each peer it names: a next proposal may go to any of them, and must see this
     * transaction (an approval, say) there.
     */
    private void awaitOtherPeers(String channelId, CommitStatus status) throws ClientException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChannelGateway other : otherEndorsers) {
            while (other.height(channelId) <= status.blockNumber()) {
                if (System.nanoTime() > deadline) {
                    throw new ClientException("transaction " + status.txId() + " was committed in block "
                            + status.blockNumber() + ", but not every endorsing peer committed that block within "
                            + timeout.toMillis() + " ms");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClientException("interrupted while waiting for the endorsing peers", e);
                }
            }
        }
    }

    public Submitted submitStrings(String channelId, String chaincode, List<String> args) throws ClientException {
        return submit(channelId, chaincode, utf8(args));
    }

    public ByteString evaluateStrings(String channelId, String chaincode, List<String> args) throws ClientException {
        return evaluate(channelId, chaincode, utf8(args));
    }

    // ---- the lifecycle ----

    /**
     * Installs a chaincode package on this peer ({@code peer lifecycle chaincode install}); installing needs no
     * channel, so it goes to the peer through {@code channelId}'s endorser without being ordered.
     *
     * @return the package id
     */
    public String install(String channelId, ByteString chaincodePackage) throws ClientException {
        ByteString result = lifecycleEvaluate(channelId, LifecycleChaincode.INSTALL,
                InstallChaincodeArgs.newBuilder().setChaincodeInstallPackage(chaincodePackage).build());
        try {
            return InstallChaincodeResult.parseFrom(result).getPackageId();
        } catch (InvalidProtocolBufferException e) {
            throw new ClientException("the install result does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * {@code peer lifecycle chaincode approveformyorg}: orders this organisation's approval, endorsed by this
     * organisation's peer only (another organisation's peer would record the approval for its own organisation).
     */
    public CommitStatus approveForMyOrg(String channelId, LifecycleOptions options) throws ClientException {
        try {
            return submit(channelId, LifecycleChaincode.NAME, List.of(ByteString.copyFromUtf8(LifecycleChaincode.APPROVE),
                    options.approveArgs().toByteString()), false).status();
        } catch (CliOptionException e) {
            throw new ClientException(e.getMessage(), e);
        }
    }

    /** {@code peer lifecycle chaincode checkcommitreadiness}: the marshalled {@code CheckCommitReadinessResult}. */
    public ByteString checkCommitReadiness(String channelId, LifecycleOptions options) throws ClientException {
        try {
            return lifecycleEvaluate(channelId, LifecycleChaincode.CHECK_COMMIT_READINESS,
                    options.checkCommitReadinessArgs());
        } catch (CliOptionException e) {
            throw new ClientException(e.getMessage(), e);
        }
    }

    /** {@code peer lifecycle chaincode commit}: orders the definition (endorsed by this peer). */
    public CommitStatus commitDefinition(String channelId, LifecycleOptions options) throws ClientException {
        try {
            return lifecycleSubmit(channelId, LifecycleChaincode.COMMIT, options.commitArgs());
        } catch (CliOptionException e) {
            throw new ClientException(e.getMessage(), e);
        }
    }

    /** {@code peer lifecycle chaincode querycommitted -n name}. */
    public QueryChaincodeDefinitionResult queryCommitted(String channelId, String name) throws ClientException {
        ByteString result = lifecycleEvaluate(channelId, LifecycleChaincode.QUERY_DEFINITION,
                QueryChaincodeDefinitionArgs.newBuilder().setName(name).build());
        try {
            return QueryChaincodeDefinitionResult.parseFrom(result);
        } catch (InvalidProtocolBufferException e) {
            throw new ClientException("the query result does not parse: " + e.getMessage(), e);
        }
    }

    /** Evaluates a {@code _lifecycle} function; returns the marshalled result message. */
    public ByteString lifecycleEvaluate(String channelId, String function, Message args) throws ClientException {
        return evaluate(channelId, LifecycleChaincode.NAME, List.of(ByteString.copyFromUtf8(function), args.toByteString()));
    }

    private CommitStatus lifecycleSubmit(String channelId, String function, Message args) throws ClientException {
        return submit(channelId, LifecycleChaincode.NAME,
                List.of(ByteString.copyFromUtf8(function), args.toByteString())).status();
    }

    private static ProposalResponse success(String chaincode, List<ByteString> args, ProposalResponse response)
            throws ClientException {
        int status = response.getResponse().getStatus();
        if (status < 200 || status >= 400) {
            String function = args.isEmpty() ? "" : " " + args.get(0).toStringUtf8();
            throw new ClientException("chaincode " + chaincode + function + " failed (status " + status + "): "
                    + response.getResponse().getMessage());
        }
        return response;
    }

    private static List<ByteString> utf8(List<String> args) {
        List<ByteString> bytes = new ArrayList<>(args.size());
        args.forEach(a -> bytes.add(ByteString.copyFromUtf8(a)));
        return bytes;
    }
}
