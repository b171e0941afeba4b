package weft.runtime.network.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.identity.SignedData;
import weft.runtime.channel.BroadcastException;
import weft.runtime.channel.ChannelException;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.channel.CommitStatus;
import weft.runtime.network.OrganizationEndorsers;
import weft.runtime.policy.PolicyException;

/**
 * Fabric's {@code gateway.Gateway} service on this node, with the status codes and messages of Fabric's gateway:
 * Evaluate and Endorse through the endorsers of each organisation ({@code ABORTED} with one {@code ErrorDetail} per
 * failed endorser), Submit to this node's ordering (returns once ordering accepted the transaction), CommitStatus
 * (waits for the transaction's block), ChaincodeEvents (a chaincode's events of valid transactions, block by block).
 * Requests are checked against the channel's {@code /Channel/Application/Readers} where Fabric's gateway checks its
 * ACLs ({@code PERMISSION_DENIED}); an unknown channel is {@code NOT_FOUND}.
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {

    static final String READERS = "/Channel/Application/Readers";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ChannelGateway gateway;
    private final Function<String, List<OrganizationEndorsers>> endorsers;

    /** @param endorsers for a channel, one endorser per organisation whose endorsement the gateway collects */
    GatewayService(ChannelGateway gateway, Function<String, List<OrganizationEndorsers>> endorsers) {
        this.gateway = gateway;
        this.endorsers = endorsers;
    }

    // ---- Evaluate ----

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> out) {
        answer(out, () -> {
            ProposedTransaction proposed = ProposedTransaction.unpack(request.getProposedTransaction());
            List<OrganizationEndorsers> targets = targets(proposed.channelId(), request.getTargetOrganizationsList());
            List<ErrorDetail> errors = new ArrayList<>();
            for (OrganizationEndorsers endorser : targets) {
                ProposalResponse response;
                try {
                    response = endorser.processProposal(request.getProposedTransaction());
                } catch (IOException e) {
                    errors.add(RpcErrors.detail(endorser.address(), endorser.mspId(), e.getMessage()));
                    continue;
                }
                Outcome outcome = Outcome.of(response);
                if (outcome.code() == Status.Code.OK) {
                    return EvaluateResponse.newBuilder().setResult(result(response)).build();
                }
                errors.add(RpcErrors.detail(endorser.address(), endorser.mspId(), outcome.message()));
                if (outcome.code() == Status.Code.UNKNOWN) {
                    // The chaincode itself refused: no point asking another peer.
                    throw RpcErrors.error(Status.Code.UNKNOWN, "evaluate call to endorser returned error: "
                            + outcome.message(), errors);
                }
            }
            throw RpcErrors.error(Status.Code.ABORTED, "failed to evaluate transaction, see attached details for "
                    + "more info", errors);
        });
    }

    /** The transaction's result: the chaincode response, its payload taken from the proposal response payload. */
    private static Response result(ProposalResponse response) {
        Response result = response.getResponse();
        try {
            ProposalResponsePayload payload = ProposalResponsePayload.parseFrom(response.getPayload());
            ChaincodeAction action = ChaincodeAction.parseFrom(payload.getExtension());
            if (action.hasResponse()) {
                return result.toBuilder().setPayload(action.getResponse().getPayload()).build();
            }
        } catch (InvalidProtocolBufferException e) {
            // keep the response's own payload
        }
        return result;
    }

    // ---- Endorse ----

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> out) {
        answer(out, () -> {
            if (!request.hasProposedTransaction()) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT,
                        "the proposed transaction must contain a signed proposal");
            }
            ProposedTransaction proposed = ProposedTransaction.unpack(request.getProposedTransaction());
            List<ErrorDetail> errors = new ArrayList<>();
            List<ProposalResponse> endorsed = new ArrayList<>();
            long height = gateway.height(proposed.channelId());
            for (OrganizationEndorsers endorser : targets(proposed.channelId(),
                    request.getEndorsingOrganizationsList())) {
                awaitHeight(endorser, proposed.channelId(), height);
                try {
                    ProposalResponse response = endorser.processProposal(request.getProposedTransaction());
                    Outcome outcome = Outcome.of(response);
                    if (outcome.code() == Status.Code.OK) {
                        endorsed.add(response);
                    } else {
                        errors.add(RpcErrors.detail(endorser.address(), endorser.mspId(), outcome.message()));
                    }
                } catch (IOException e) {
                    errors.add(RpcErrors.detail(endorser.address(), endorser.mspId(), e.getMessage()));
                }
            }
            if (!errors.isEmpty() || endorsed.isEmpty()) {
                throw RpcErrors.error(Status.Code.ABORTED, "failed to endorse transaction, see attached details for "
                        + "more info", errors);
            }
            ByteString payload = endorsed.get(0).getPayload();
            List<Endorsement> endorsements = new ArrayList<>();
            for (ProposalResponse response : endorsed) {
                if (!response.getPayload().equals(payload)) {
                    throw RpcErrors.error(Status.Code.ABORTED, "failed to assemble transaction: "
                            + "ProposalResponsePayloads do not match");
                }
                endorsements.add(response.getEndorsement());
            }
            return EndorseResponse.newBuilder().setPreparedTransaction(proposed.prepare(payload, endorsements)).build();
        });
    }

    /**
     * Waits (briefly) for an endorser whose height the gateway knows to reach this peer's height, so that both
     * simulate on the same state; an endorser still behind after that is asked anyway.
     */
    private static void awaitHeight(OrganizationEndorsers endorser, String channelId, long height) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long known = endorser.height(channelId);
        while (known >= 0 && known < height && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            known = endorser.height(channelId);
        }
    }

    /**
     * The endorsers to ask: one per organisation the gateway knows for the channel, or, when the client names
     * organisations (and so takes responsibility for meeting the endorsement policy), those organisations'.
     */
    private List<OrganizationEndorsers> targets(String channelId, List<String> organizations) {
        requireChannel(channelId);
        List<OrganizationEndorsers> known = endorsers.apply(channelId);
        if (organizations.isEmpty()) {
            if (known.isEmpty()) {
                throw RpcErrors.error(Status.Code.UNAVAILABLE, "no peers available to endorse on channel " + channelId);
            }
            return known;
        }
        List<OrganizationEndorsers> chosen = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String organization : new java.util.LinkedHashSet<>(organizations)) {
            Optional<OrganizationEndorsers> endorser = known.stream().filter(e -> e.mspId().equals(organization))
                    .findFirst();
            endorser.ifPresentOrElse(chosen::add, () -> missing.add(organization));
        }
        if (!missing.isEmpty()) {
            throw RpcErrors.error(Status.Code.UNAVAILABLE, "failed to find any endorsing peers for org(s): "
                    + String.join(", ", missing));
        }
        return chosen;
    }

    /** How Fabric's gateway reads an endorser's answer. */
    private record Outcome(Status.Code code, String message) {
        static Outcome of(ProposalResponse response) {
            int status = response.getResponse().getStatus();
            if (status >= 200 && status < 400) {
                return new Outcome(Status.Code.OK, "");
            }
            if (response.getPayload().isEmpty() && status == 500) {
                // refused by the peer (checks, unknown chaincode, simulation failure): another peer might do better
                return new Outcome(Status.Code.ABORTED, response.getResponse().getMessage());
            }
            return new Outcome(Status.Code.UNKNOWN, "chaincode response " + status + ", "
                    + response.getResponse().getMessage());
        }
    }

    // ---- Submit ----

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
        answer(out, () -> {
            if (!request.hasPreparedTransaction()) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "a prepared transaction is required");
            }
            if (request.getPreparedTransaction().getSignature().isEmpty()) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed");
            }
            try {
                gateway.order(request.getPreparedTransaction(), timeout());
            } catch (BroadcastException e) {
                if (e.status() == org.hyperledger.fabric.protos.common.Status.NOT_FOUND) {
                    throw RpcErrors.error(Status.Code.NOT_FOUND, e.getMessage());
                }
                throw RpcErrors.error(Status.Code.ABORTED, "received unsuccessful response from orderer: status="
                        + e.status().name() + ", info=" + e.getMessage());
            }
            return SubmitResponse.getDefaultInstance();
        });
    }

    // ---- CommitStatus ----

    @Override
    public void commitStatus(SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> out) {
        answer(out, () -> {
            if (signed.getRequest().isEmpty()) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "a commit status request is required");
            }
            CommitStatusRequest request;
            try {
                request = CommitStatusRequest.parseFrom(signed.getRequest());
            } catch (InvalidProtocolBufferException e) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "invalid status request: " + e.getMessage());
            }
            if (request.getIdentity().isEmpty()) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "no identity provided");
            }
            if (request.getChannelId().isEmpty()) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "no channel ID provided");
            }
            if (request.getTransactionId().isEmpty()) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "transaction ID should not be empty");
            }
            String channel = request.getChannelId();
            authorize(channel, signed.getRequest(), request.getIdentity(), signed.getSignature());
            Context context = Context.current();
            Deadline deadline = context.getDeadline();
            long deadlineNanos = deadline == null ? Long.MAX_VALUE
                    : System.nanoTime() + deadline.timeRemaining(TimeUnit.NANOSECONDS);
            while (true) {
                long height = gateway.height(channel);
                Optional<CommitStatus> status = lookup(channel, request.getTransactionId());
                if (status.isPresent()) {
                    return CommitStatusResponse.newBuilder().setResult(status.get().code())
                            .setBlockNumber(status.get().blockNumber()).build();
                }
                if (!Waiting.until(() -> gateway.height(channel) > height, context::isCancelled, deadlineNanos)) {
                    throw RpcErrors.error(context.isCancelled() ? Status.Code.CANCELLED : Status.Code.DEADLINE_EXCEEDED,
                            "transaction " + request.getTransactionId() + " was not committed on channel " + channel
                                    + " before the request ended");
                }
            }
        });
    }

    private Optional<CommitStatus> lookup(String channel, String txId) {
        try {
            return gateway.commitStatus(channel, txId);
        } catch (ChannelException e) {
            throw RpcErrors.error(Status.Code.ABORTED, e.getMessage());
        }
    }

    // ---- ChaincodeEvents ----

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> out) {
        ServerCallStreamObserver<ChaincodeEventsResponse> call = (ServerCallStreamObserver<ChaincodeEventsResponse>) out;
        try {
            if (signed.getRequest().isEmpty()) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "a chaincode events request is required");
            }
            ChaincodeEventsRequest request;
            try {
                request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
            } catch (InvalidProtocolBufferException e) {
                throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "invalid chaincode events request: " + e.getMessage());
            }
            String channel = request.getChannelId();
            authorize(channel, signed.getRequest(), request.getIdentity(), signed.getSignature());
            long next = startBlock(request);
            EventFilter filter = new EventFilter(request.getChaincodeId(), request.getAfterTransactionId());
            while (!call.isCancelled()) {
                long number = next;
                if (!Waiting.until(() -> gateway.height(channel) > number, call::isCancelled, Long.MAX_VALUE)) {
                    return;
                }
                Optional<Block> block = gateway.block(channel, number);
                if (block.isEmpty()) {
                    throw RpcErrors.error(Status.Code.ABORTED, "block " + number + " of channel " + channel
                            + " cannot be read");
                }
                List<ChaincodeEvent> events = new ArrayList<>();
                for (BlockContents.Tx tx : BlockContents.transactions(block.get())) {
                    for (ChaincodeEvent event : tx.events()) {
                        if (tx.code() == TxValidationCode.VALID && filter.matches(event)) {
                            events.add(event);
                        }
                    }
                }
                if (!events.isEmpty()) {
                    out.onNext(ChaincodeEventsResponse.newBuilder().setBlockNumber(number).addAllEvents(events).build());
                }
                next = number + 1;
            }
        } catch (StatusRuntimeException e) {
            if (!call.isCancelled()) {
                out.onError(e);
            }
        } catch (ChannelException e) {
            out.onError(RpcErrors.error(Status.Code.ABORTED, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.onError(RpcErrors.error(Status.Code.CANCELLED, "the node is stopping"));
        } catch (RuntimeException e) {
            out.onError(RpcErrors.error(Status.Code.INTERNAL, String.valueOf(e.getMessage())));
        }
    }

    private long startBlock(ChaincodeEventsRequest request) throws ChannelException {
        String channel = request.getChannelId();
        if (!request.getAfterTransactionId().isEmpty()) {
            Optional<CommitStatus> after = gateway.commitStatus(channel, request.getAfterTransactionId());
            if (after.isPresent()) {
                return after.get().blockNumber();
            }
        }
        return switch (request.getStartPosition().getTypeCase()) {
            case SPECIFIED -> request.getStartPosition().getSpecified().getNumber();
            case NEXT_COMMIT, TYPE_NOT_SET -> gateway.height(channel);
            default -> throw RpcErrors.error(Status.Code.INVALID_ARGUMENT, "invalid start position type: "
                    + request.getStartPosition().getTypeCase());
        };
    }

    /** Fabric's event matching: one chaincode's events, those after a given transaction's when one is named. */
    private static final class EventFilter {
        private final String chaincodeId;
        private final String afterTxId;
        private boolean passed;

        EventFilter(String chaincodeId, String afterTxId) {
            this.chaincodeId = chaincodeId;
            this.afterTxId = afterTxId;
            this.passed = afterTxId.isEmpty();
        }

        boolean matches(ChaincodeEvent event) {
            if (!passed) {
                passed = event.getTxId().equals(afterTxId);
                return false;
            }
            return event.getChaincodeId().equals(chaincodeId);
        }
    }

    // ---- shared ----

    private void requireChannel(String channelId) {
        if (!gateway.channels().contains(channelId)) {
            throw RpcErrors.error(Status.Code.NOT_FOUND, "channel '" + channelId + "' not found");
        }
    }

    /** Fabric's gateway ACL check: the request's identity and signature satisfy the channel's readers policy. */
    private void authorize(String channel, ByteString request, ByteString identity, ByteString signature) {
        requireChannel(channel);
        try {
            gateway.checkPolicy(channel, READERS, List.of(new SignedData(request, identity, signature)));
        } catch (PolicyException e) {
            throw RpcErrors.error(Status.Code.PERMISSION_DENIED, "the request's signer may not read channel "
                    + channel + " (" + READERS + "): " + e.getMessage());
        } catch (ChannelException e) {
            throw RpcErrors.error(Status.Code.NOT_FOUND, e.getMessage());
        }
    }

    private static Duration timeout() {
        Deadline deadline = Context.current().getDeadline();
        return deadline == null ? DEFAULT_TIMEOUT : Duration.ofNanos(Math.max(1, deadline.timeRemaining(TimeUnit.NANOSECONDS)));
    }

    /** A unary call's work: its result, or the gRPC error it throws. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> void answer(StreamObserver<T> out, Call<T> call) {
        T result;
        try {
            result = call.run();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.onError(RpcErrors.error(Status.Code.CANCELLED, "the node is stopping"));
            return;
        } catch (Exception e) {
            out.onError(RpcErrors.error(Status.Code.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage()));
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }
}
