package weft.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.channel.ChannelClient;
import weft.runtime.channel.GatewayClient;
import weft.runtime.msp.LocalSigningIdentity;

/**
 * The services on the wire with Fabric's generated stubs: Deliver (blocks, filtered blocks, seek positions and
 * behaviours, the readers policy), Broadcast and the orderer's Deliver, Endorser, CommitStatus's signature check,
 * and bad input — malformed protobuf, oversized messages, unknown channels, outsiders, forged signatures, a TLS
 * client without a certificate — each answered with its status while the server keeps serving.
 */
class WireTest {

    private static final int MAX_MESSAGE = 1024 * 1024;

    @TempDir
    static Path directory;

    static NetworkTestNode node;
    static ManagedChannel connection;

    @BeforeAll
    static void start() throws Exception {
        node = new NetworkTestNode(directory, MAX_MESSAGE, Duration.ofMillis(50));
        connection = node.connect(node.org1, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            NetworkTestNode.close(connection);
        }
        if (node != null) {
            node.close();
        }
    }

    // ---- Deliver ----

    @Test
    void deliverSendsCommittedBlocksFromOldestToNewestThenSuccess() throws Exception {
        long height = node.host.height(NetworkTestNode.CHANNEL);
        Responses<DeliverResponse> responses = new Responses<>();
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(connection).deliver(responses);

        requests.onNext(seek(node.user, NetworkTestNode.CHANNEL, oldest(), newest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));

        for (long number = 0; number < height; number++) {
            DeliverResponse response = responses.next();
            assertEquals(number, response.getBlock().getHeader().getNumber());
            assertTrue(response.getBlock().getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        }
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, responses.next().getStatus());
        requests.onCompleted();
    }

    @Test
    void deliverFilteredGivesTransactionIdsValidationCodesAndEventsWithoutPayloads() throws Exception {
        ChannelClient.Submitted created = new ChannelClient(node.host, node.user, NetworkTestNode.TIMEOUT)
                .submitStrings(NetworkTestNode.CHANNEL, "basic", List.of("CreateAsset", "filtered1", "red", "1", "Al", "9"));
        long number = created.status().blockNumber();
        Responses<DeliverResponse> responses = new Responses<>();
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(connection).deliverFiltered(responses);

        requests.onNext(seek(node.user, NetworkTestNode.CHANNEL, specified(number), specified(number),
                SeekInfo.SeekBehavior.FAIL_IF_NOT_READY));

        DeliverResponse response = responses.next();
        assertEquals(number, response.getFilteredBlock().getNumber());
        assertEquals(NetworkTestNode.CHANNEL, response.getFilteredBlock().getChannelId());
        FilteredTransaction tx = response.getFilteredBlock().getFilteredTransactionsList().stream()
                .filter(t -> t.getTxid().equals(created.status().txId())).findFirst().orElseThrow();
        assertEquals(TxValidationCode.VALID, tx.getTxValidationCode());
        assertEquals(HeaderType.ENDORSER_TRANSACTION, tx.getType());
        var event = tx.getTransactionActions().getChaincodeActions(0).getChaincodeEvent();
        assertEquals("CreateAsset", event.getEventName());
        assertEquals("basic", event.getChaincodeId());
        assertTrue(event.getPayload().isEmpty(), "filtered events carry no payload");
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, responses.next().getStatus());
        requests.onCompleted();
    }

    @Test
    void deliverWaitsForABlockNotYetCommittedOrFailsIfNotReady() throws Exception {
        long height = node.host.height(NetworkTestNode.CHANNEL);
        Responses<DeliverResponse> failing = new Responses<>();
        StreamObserver<Envelope> failRequests = DeliverGrpc.newStub(connection).deliver(failing);
        failRequests.onNext(seek(node.user, NetworkTestNode.CHANNEL, specified(height + 5), specified(height + 5),
                SeekInfo.SeekBehavior.FAIL_IF_NOT_READY));
        assertEquals(org.hyperledger.fabric.protos.common.Status.NOT_FOUND, failing.next().getStatus());
        failRequests.onCompleted();

        Responses<DeliverResponse> waiting = new Responses<>();
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(connection).deliver(waiting);
        requests.onNext(seek(node.user, NetworkTestNode.CHANNEL, specified(height), specified(height),
                SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
        Thread.sleep(100);
        assertTrue(waiting.queue.isEmpty(), "nothing to send before the block is committed");
        new ChannelClient(node.host, node.user, NetworkTestNode.TIMEOUT).submitStrings(NetworkTestNode.CHANNEL, "basic",
                List.of("CreateAsset", "waited1", "red", "1", "Al", "9"));

        assertEquals(height, waiting.next().getBlock().getHeader().getNumber());
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, waiting.next().getStatus());
        requests.onCompleted();
    }

    @Test
    void deliverRefusesAnUnknownChannelAnOutsiderAForgedSignatureAndAMalformedEnvelopeAndKeepsTheStream() throws Exception {
        Responses<DeliverResponse> responses = new Responses<>();
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(connection).deliver(responses);

        requests.onNext(seek(node.user, "nosuchchannel", oldest(), newest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
        assertEquals(org.hyperledger.fabric.protos.common.Status.NOT_FOUND, responses.next().getStatus());

        requests.onNext(seek(node.stranger, NetworkTestNode.CHANNEL, oldest(), newest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
        assertEquals(org.hyperledger.fabric.protos.common.Status.FORBIDDEN, responses.next().getStatus());

        Envelope forged = seek(node.user, NetworkTestNode.CHANNEL, oldest(), oldest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
                .toBuilder().setSignature(node.admin.sign(ByteString.copyFromUtf8("something else"))).build();
        requests.onNext(forged);
        assertEquals(org.hyperledger.fabric.protos.common.Status.FORBIDDEN, responses.next().getStatus());

        requests.onNext(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("not a payload")).build());
        assertEquals(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, responses.next().getStatus());

        requests.onNext(seek(node.user, NetworkTestNode.CHANNEL, oldest(), oldest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
        assertEquals(0, responses.next().getBlock().getHeader().getNumber());
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, responses.next().getStatus());
        requests.onCompleted();
    }

    @Test
    void underMutualTlsADeliverRequestMustNameItsConnectionsCertificateAndBeRecent() throws Exception {
        Responses<DeliverResponse> responses = new Responses<>();
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(connection).deliver(responses);
        ByteString own = ByteString.copyFrom(NetworkTestNode.tlsCertificateHash(node.org1));

        requests.onNext(seek(node.user, NetworkTestNode.CHANNEL, oldest(), oldest(),
                SeekInfo.SeekBehavior.BLOCK_UNTIL_READY, Instant.now(), ByteString.EMPTY));
        assertEquals(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, responses.next().getStatus());
        requests.onNext(seek(node.user, NetworkTestNode.CHANNEL, oldest(), oldest(),
                SeekInfo.SeekBehavior.BLOCK_UNTIL_READY, Instant.now(),
                ByteString.copyFrom(NetworkTestNode.tlsCertificateHash(node.org2))));
        assertEquals(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, responses.next().getStatus());
        requests.onNext(seek(node.user, NetworkTestNode.CHANNEL, oldest(), oldest(),
                SeekInfo.SeekBehavior.BLOCK_UNTIL_READY, Instant.now().minusSeconds(16 * 60), own));
        assertEquals(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, responses.next().getStatus());

        requests.onNext(seek(node.user, NetworkTestNode.CHANNEL, oldest(), oldest(),
                SeekInfo.SeekBehavior.BLOCK_UNTIL_READY, Instant.now(), own));
        assertEquals(0, responses.next().getBlock().getHeader().getNumber());
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, responses.next().getStatus());
        requests.onCompleted();
    }

    // ---- the orderer ----

    @Test
    void broadcastAnswersEachEnvelopeOnOneStreamAndTheOrdererDeliversTheBlock() throws Exception {
        GatewayClient client = new GatewayClient(node.user);
        GatewayClient.Proposed proposed = client.proposeStrings(NetworkTestNode.CHANNEL, "basic",
                List.of("CreateAsset", "broadcast1", "red", "1", "Al", "9"));
        Envelope transaction = client.transaction(proposed, List.of(node.host.endorse(proposed.signed())));
        GatewayClient outsider = new GatewayClient(node.stranger);
        GatewayClient.Proposed foreign = outsider.proposeStrings(NetworkTestNode.CHANNEL, "basic", List.of("ReadAsset", "asset1"));
        Envelope foreignTransaction = outsider.transaction(foreign, List.of(node.host.endorse(proposed.signed())));

        Responses<BroadcastResponse> responses = new Responses<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(connection).broadcast(responses);
        requests.onNext(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("garbage")).build());
        BroadcastResponse garbage = responses.next();
        requests.onNext(foreignTransaction);
        BroadcastResponse forbidden = responses.next();
        requests.onNext(transaction);
        BroadcastResponse accepted = responses.next();
        requests.onCompleted();

        assertEquals(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, garbage.getStatus());
        assertFalse(garbage.getInfo().isEmpty());
        assertEquals(org.hyperledger.fabric.protos.common.Status.FORBIDDEN, forbidden.getStatus());
        assertTrue(forbidden.getInfo().contains("/Channel/Writers"), forbidden.getInfo());
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, accepted.getStatus());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.host.commitStatus(NetworkTestNode.CHANNEL, proposed.txId()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long number = node.host.commitStatus(NetworkTestNode.CHANNEL, proposed.txId()).orElseThrow().blockNumber();
        Responses<org.hyperledger.fabric.protos.orderer.DeliverResponse> blocks = new Responses<>();
        StreamObserver<Envelope> seek = AtomicBroadcastGrpc.newStub(connection).deliver(blocks);
        seek.onNext(seek(node.user, NetworkTestNode.CHANNEL, specified(number), specified(number),
                SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
        var block = blocks.next().getBlock();
        assertEquals(number, block.getHeader().getNumber());
        assertEquals(node.host.block(NetworkTestNode.CHANNEL, number).orElseThrow().getData(), block.getData());
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, blocks.next().getStatus());
        seek.onCompleted();
    }

    // ---- the endorser and the gateway ----

    @Test
    void theEndorserAnswersAnUnparsableProposalWithStatus500AndServesTheNext() {
        var endorser = EndorserGrpc.newBlockingStub(connection).withDeadlineAfter(30, TimeUnit.SECONDS);

        ProposalResponse refused = endorser.processProposal(SignedProposal.newBuilder()
                .setProposalBytes(ByteString.copyFromUtf8("not a proposal")).build());
        ProposalResponse endorsed = endorser.processProposal(new GatewayClient(node.user)
                .proposeStrings(NetworkTestNode.CHANNEL, "basic", List.of("ReadAsset", "asset1")).signed());

        assertEquals(500, refused.getResponse().getStatus());
        assertFalse(refused.getResponse().getMessage().isEmpty());
        assertEquals(200, endorsed.getResponse().getStatus());
        assertTrue(endorsed.hasEndorsement());
    }

    @Test
    void malformedProtobufInAProposalIsInvalidArgumentAndTheServerKeepsServing() {
        var gateway = GatewayGrpc.newBlockingStub(connection).withDeadlineAfter(30, TimeUnit.SECONDS);

        StatusRuntimeException thrown = assertThrows(StatusRuntimeException.class, () -> gateway.evaluate(
                EvaluateRequest.newBuilder().setChannelId(NetworkTestNode.CHANNEL).setProposedTransaction(
                        SignedProposal.newBuilder().setProposalBytes(ByteString.copyFrom(new byte[]{(byte) 0xff, 1, 2})))
                        .build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, thrown.getStatus().getCode());
        assertTrue(thrown.getStatus().getDescription().startsWith("failed to unpack transaction proposal"),
                thrown.getStatus().getDescription());
        assertTrue(evaluateReadAsset1().contains("asset1"), "still serving");
    }

    @Test
    void anOversizedMessageIsResourceExhaustedAndTheServerKeepsServing() {
        var gateway = GatewayGrpc.newBlockingStub(connection).withDeadlineAfter(30, TimeUnit.SECONDS);

        StatusRuntimeException thrown = assertThrows(StatusRuntimeException.class, () -> gateway.evaluate(
                EvaluateRequest.newBuilder().setChannelId(NetworkTestNode.CHANNEL).setProposedTransaction(
                        SignedProposal.newBuilder().setProposalBytes(ByteString.copyFrom(new byte[MAX_MESSAGE + 1])))
                        .build()));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, thrown.getStatus().getCode());
        assertTrue(thrown.getStatus().getDescription().contains(String.valueOf(MAX_MESSAGE)),
                thrown.getStatus().getDescription());
        assertTrue(evaluateReadAsset1().contains("asset1"), "still serving");
    }

    @Test
    void commitStatusRequiresAReaderOfTheChannelAndAValidSignature() throws Exception {
        ChannelClient.Submitted created = new ChannelClient(node.host, node.user, NetworkTestNode.TIMEOUT)
                .submitStrings(NetworkTestNode.CHANNEL, "basic", List.of("CreateAsset", "status2", "red", "1", "Al", "9"));
        var gateway = GatewayGrpc.newBlockingStub(connection).withDeadlineAfter(30, TimeUnit.SECONDS);

        var valid = gateway.commitStatus(commitStatus(node.user, NetworkTestNode.CHANNEL, created.status().txId(), false));
        assertEquals(TxValidationCode.VALID, valid.getResult());
        assertEquals(created.status().blockNumber(), valid.getBlockNumber());

        StatusRuntimeException forged = assertThrows(StatusRuntimeException.class, () -> gateway.commitStatus(
                commitStatus(node.user, NetworkTestNode.CHANNEL, created.status().txId(), true)));
        assertEquals(Status.Code.PERMISSION_DENIED, forged.getStatus().getCode());
        StatusRuntimeException outsider = assertThrows(StatusRuntimeException.class, () -> gateway.commitStatus(
                commitStatus(node.stranger, NetworkTestNode.CHANNEL, created.status().txId(), false)));
        assertEquals(Status.Code.PERMISSION_DENIED, outsider.getStatus().getCode());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> gateway.commitStatus(
                commitStatus(node.user, "nosuchchannel", created.status().txId(), false)));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class, () -> gateway.commitStatus(
                SignedCommitStatusRequest.newBuilder().setRequest(ByteString.copyFrom(new byte[]{(byte) 0xff})).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, malformed.getStatus().getCode());
    }

    @Test
    void chaincodeEventsRequireAReaderOfAKnownChannel() throws Exception {
        var gateway = GatewayGrpc.newBlockingStub(connection).withDeadlineAfter(30, TimeUnit.SECONDS);
        ByteString request = org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest.newBuilder()
                .setChannelId(NetworkTestNode.CHANNEL).setChaincodeId("basic").setIdentity(node.user.serialize())
                .build().toByteString();
        ByteString elsewhere = org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest.newBuilder()
                .setChannelId("nosuchchannel").setChaincodeId("basic").setIdentity(node.user.serialize())
                .build().toByteString();

        StatusRuntimeException forged = assertThrows(StatusRuntimeException.class, () -> gateway.chaincodeEvents(
                org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest.newBuilder().setRequest(request)
                        .setSignature(node.user.sign(elsewhere)).build()).hasNext());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> gateway.chaincodeEvents(
                org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest.newBuilder().setRequest(elsewhere)
                        .setSignature(node.user.sign(elsewhere)).build()).hasNext());

        assertEquals(Status.Code.PERMISSION_DENIED, forged.getStatus().getCode());
        assertTrue(forged.getStatus().getDescription().contains("/Channel/Application/Readers"),
                forged.getStatus().getDescription());
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    }

    @Test
    void aTlsClientWithoutACertificateIsRefusedWhenMutualTlsIsRequired() throws Exception {
        ManagedChannel anonymous = node.connect(node.org1, false);
        try {
            StatusRuntimeException thrown = assertThrows(StatusRuntimeException.class, () -> GatewayGrpc
                    .newBlockingStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS).evaluate(evaluateRequest()));
            assertEquals(Status.Code.UNAVAILABLE, thrown.getStatus().getCode());
        } finally {
            NetworkTestNode.close(anonymous);
        }
        assertTrue(evaluateReadAsset1().contains("asset1"), "still serving");
    }

    @Test
    void aClientOfAnotherOrganisationsTlsCaIsAcceptedByTheTransportAndRefusedByTheChannel() throws Exception {
        ManagedChannel other = node.connect(node.org2, true);
        try {
            Responses<DeliverResponse> responses = new Responses<>();
            StreamObserver<Envelope> requests = DeliverGrpc.newStub(other).deliver(responses);
            requests.onNext(seek(node.stranger, NetworkTestNode.CHANNEL, oldest(), oldest(),
                    SeekInfo.SeekBehavior.BLOCK_UNTIL_READY, Instant.now(),
                    ByteString.copyFrom(NetworkTestNode.tlsCertificateHash(node.org2))));
            assertEquals(org.hyperledger.fabric.protos.common.Status.FORBIDDEN, responses.next().getStatus());
            requests.onCompleted();
        } finally {
            NetworkTestNode.close(other);
        }
    }

    // ---- helpers ----

    private String evaluateReadAsset1() {
        return GatewayGrpc.newBlockingStub(connection).withDeadlineAfter(30, TimeUnit.SECONDS)
                .evaluate(evaluateRequest()).getResult().getPayload().toStringUtf8();
    }

    private EvaluateRequest evaluateRequest() {
        GatewayClient.Proposed proposed = new GatewayClient(node.user).proposeStrings(NetworkTestNode.CHANNEL, "basic",
                List.of("ReadAsset", "asset1"));
        return EvaluateRequest.newBuilder().setChannelId(NetworkTestNode.CHANNEL).setTransactionId(proposed.txId())
                .setProposedTransaction(proposed.signed()).build();
    }

    private static SignedCommitStatusRequest commitStatus(LocalSigningIdentity identity, String channel, String txId,
                                                          boolean forge) throws Exception {
        ByteString request = CommitStatusRequest.newBuilder().setChannelId(channel).setTransactionId(txId)
                .setIdentity(identity.serialize()).build().toByteString();
        ByteString signature = identity.sign(forge ? request.concat(ByteString.copyFromUtf8("x")) : request);
        return SignedCommitStatusRequest.newBuilder().setRequest(request).setSignature(signature).build();
    }

    /** A seek request bound to the test connection's TLS certificate (Org1's User1). */
    static Envelope seek(LocalSigningIdentity identity, String channel, SeekPosition start, SeekPosition stop,
                         SeekInfo.SeekBehavior behavior) throws Exception {
        byte[] hash = NetworkTestNode.tlsCertificateHash(node.org1);
        return seek(identity, channel, start, stop, behavior, Instant.now(), ByteString.copyFrom(hash));
    }

    static Envelope seek(LocalSigningIdentity identity, String channel, SeekPosition start, SeekPosition stop,
                         SeekInfo.SeekBehavior behavior, Instant time, ByteString tlsCertHash) throws Exception {
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                .setChannelId(channel).setTimestamp(Timestamp.newBuilder().setSeconds(time.getEpochSecond()))
                .setTlsCertHash(tlsCertHash).build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(identity.serialize())
                .setNonce(ByteString.copyFromUtf8(Long.toString(System.nanoTime()))).build();
        ByteString payload = Payload.newBuilder().setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString()).setSignatureHeader(signatureHeader.toByteString()))
                .setData(SeekInfo.newBuilder().setStart(start).setStop(stop).setBehavior(behavior).build().toByteString())
                .build().toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(identity.sign(payload)).build();
    }

    static SeekPosition oldest() {
        return SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()).build();
    }

    static SeekPosition newest() {
        return SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build();
    }

    static SeekPosition specified(long number) {
        return SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(number)).build();
    }

    /** A stream's responses as they arrive. */
    static final class Responses<T> implements StreamObserver<T> {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        @Override
        public void onNext(T value) {
            queue.add(value);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onCompleted() {
        }

        @SuppressWarnings("unchecked")
        T next() throws Exception {
            Object next = queue.poll(30, TimeUnit.SECONDS);
            assertNotNull(next, "no response within 30 s");
            if (next instanceof Throwable t) {
                throw new AssertionError("the stream failed: " + t, t);
            }
            return (T) next;
        }
    }
}
