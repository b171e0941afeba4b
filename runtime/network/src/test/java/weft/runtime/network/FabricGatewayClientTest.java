package weft.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unmodified fabric-gateway client (org.hyperledger.fabric:fabric-gateway) against a Weft node over mutual TLS,
 * with User1's identity and signer from the generated material: Fabric's asset-transfer-basic flow, commit status
 * and chaincode events, and the gateway's errors as the client reports them.
 */
class FabricGatewayClientTest {

    @TempDir
    static Path directory;

    static NetworkTestNode node;
    static ManagedChannel connection;
    static Gateway gateway;
    static Network network;
    static Contract contract;

    @BeforeAll
    static void start() throws Exception {
        node = new NetworkTestNode(directory, NetworkTestNode.DEFAULT_MAX, java.time.Duration.ofMillis(50));
        connection = node.connect(node.org1, true);
        X509Identity identity;
        try (var reader = Files.newBufferedReader(node.userCertificate())) {
            identity = new X509Identity("Org1MSP", Identities.readX509Certificate(reader));
        }
        var signer = Signers.newPrivateKeySigner(Identities.readPrivateKey(
                Files.readString(node.userKey(), StandardCharsets.UTF_8)));
        // Under mutual TLS, deliver requests (block events) name the client's TLS certificate, as with Fabric.
        gateway = Gateway.newInstance().identity(identity).signer(signer).connection(connection)
                .tlsClientCertificateHash(NetworkTestNode.tlsCertificateHash(node.org1))
                .evaluateOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        network = gateway.getNetwork(NetworkTestNode.CHANNEL);
        contract = network.getContract("basic");
        contract.submitTransaction("InitLedger"); // again, through the client
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (connection != null) {
            NetworkTestNode.close(connection);
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theAssetTransferBasicFlowRunsThroughTheFabricGatewayClient() throws Exception {
        String all = new String(contract.evaluateTransaction("GetAllAssets"), StandardCharsets.UTF_8);
        assertTrue(all.contains("\"ID\":\"asset1\"") && all.contains("\"ID\":\"asset6\""), all);

        byte[] created = contract.submitTransaction("CreateAsset", "flow1", "yellow", "5", "Tom", "1300");
        assertTrue(new String(created, StandardCharsets.UTF_8).contains("\"ID\":\"flow1\""));
        String read = new String(contract.evaluateTransaction("ReadAsset", "flow1"), StandardCharsets.UTF_8);
        assertTrue(read.contains("\"Owner\":\"Tom\"") && read.contains("\"AppraisedValue\":1300"), read);

        byte[] previous = contract.submitTransaction("TransferAsset", "flow1", "Saptha");
        assertEquals("Tom", new String(previous, StandardCharsets.UTF_8));
        read = new String(contract.evaluateTransaction("ReadAsset", "flow1"), StandardCharsets.UTF_8);
        assertTrue(read.contains("\"Owner\":\"Saptha\""), read);
        all = new String(contract.evaluateTransaction("GetAllAssets"), StandardCharsets.UTF_8);
        assertTrue(all.contains("\"ID\":\"flow1\"") && all.contains("\"ID\":\"asset6\""), all);
    }

    @Test
    void commitStatusNamesTheBlockAndValidationCodeOfTheTransaction() throws Exception {
        long before = node.host.height(NetworkTestNode.CHANNEL);
        SubmittedTransaction submitted = contract.newProposal("CreateAsset")
                .addArguments("status1", "red", "3", "Ana", "100").build().endorse().submitAsync();
        var status = submitted.getStatus();

        assertTrue(status.isSuccessful());
        assertEquals(TxValidationCode.VALID, status.getCode());
        assertTrue(status.getBlockNumber() >= before, "block " + status.getBlockNumber());
        assertEquals(node.host.commitStatus(NetworkTestNode.CHANNEL, submitted.getTransactionId()).orElseThrow()
                .blockNumber(), status.getBlockNumber());
        assertTrue(new String(submitted.getResult(), StandardCharsets.UTF_8).contains("status1"));
    }

    @Test
    void aTransactionThatConflictsIsReportedAsCommittedButNotValid() throws Exception {
        contract.submitTransaction("CreateAsset", "conflict1", "red", "3", "Ana", "100");
        // Two transfers endorsed against the same version of the asset: the second one to commit loses.
        var first = contract.newProposal("TransferAsset").addArguments("conflict1", "Bo").build().endorse();
        var second = contract.newProposal("TransferAsset").addArguments("conflict1", "Cy").build().endorse();
        var firstStatus = first.submitAsync().getStatus();
        var secondStatus = second.submitAsync().getStatus();

        assertTrue(firstStatus.isSuccessful());
        assertFalse(secondStatus.isSuccessful());
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, secondStatus.getCode());
        assertTrue(secondStatus.getBlockNumber() >= firstStatus.getBlockNumber());
    }

    @Test
    void chaincodeEventsArriveThroughGetChaincodeEvents() throws Exception {
        long start = node.host.height(NetworkTestNode.CHANNEL);
        contract.submitTransaction("CreateAsset", "event1", "blue", "5", "Eve", "500");
        contract.submitTransaction("TransferAsset", "event1", "Fay");

        List<ChaincodeEvent> events = new ArrayList<>();
        try (CloseableIterator<ChaincodeEvent> iterator = network.newChaincodeEventsRequest("basic")
                .startBlock(start).build().getEvents(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))) {
            while (events.size() < 2) {
                ChaincodeEvent event = iterator.next();
                if (new String(event.getPayload(), StandardCharsets.UTF_8).contains("\"ID\":\"event1\"")) {
                    events.add(event);
                }
            }
        }
        assertEquals(List.of("CreateAsset", "TransferAsset"), events.stream().map(ChaincodeEvent::getEventName).toList());
        assertTrue(new String(events.get(1).getPayload(), StandardCharsets.UTF_8).contains("\"Owner\":\"Fay\""));
        assertEquals("basic", events.get(0).getChaincodeName());
        assertFalse(events.get(0).getTransactionId().isEmpty());
        assertTrue(events.get(0).getBlockNumber() >= start);
        assertTrue(events.get(1).getBlockNumber() >= events.get(0).getBlockNumber());
    }

    @Test
    void blockAndFilteredBlockEventsComeThroughTheDeliverService() throws Exception {
        List<Long> numbers = new ArrayList<>();
        try (CloseableIterator<org.hyperledger.fabric.protos.common.Block> blocks = network.newBlockEventsRequest()
                .startBlock(0).build().getEvents(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))) {
            for (int i = 0; i < 3; i++) {
                numbers.add(blocks.next().getHeader().getNumber());
            }
        }
        assertEquals(List.of(0L, 1L, 2L), numbers);

        SubmittedTransaction submitted = contract.newProposal("CreateAsset")
                .addArguments("filtered2", "red", "3", "Ana", "100").build().endorse().submitAsync();
        long number = submitted.getStatus().getBlockNumber();
        try (CloseableIterator<org.hyperledger.fabric.protos.peer.FilteredBlock> filtered = network
                .newFilteredBlockEventsRequest().startBlock(number).build()
                .getEvents(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))) {
            var block = filtered.next();
            assertEquals(number, block.getNumber());
            var tx = block.getFilteredTransactionsList().stream()
                    .filter(t -> t.getTxid().equals(submitted.getTransactionId())).findFirst().orElseThrow();
            assertEquals(TxValidationCode.VALID, tx.getTxValidationCode());
            assertEquals("CreateAsset", tx.getTransactionActions().getChaincodeActions(0).getChaincodeEvent()
                    .getEventName());
        }
    }

    @Test
    void anUnknownChaincodeIsAnAbortedEndorsementWithTheEndorsersErrorDetail() {
        Contract missing = network.getContract("nosuchchaincode");

        EndorseException thrown = assertThrows(EndorseException.class,
                () -> missing.submitTransaction("CreateAsset", "x"));

        assertEquals(Status.Code.ABORTED, thrown.getStatus().getCode());
        assertTrue(thrown.getMessage().contains("failed to endorse transaction"), thrown.getMessage());
        List<ErrorDetail> details = thrown.getDetails();
        assertEquals(1, details.size());
        assertEquals("Org1MSP", details.get(0).getMspId());
        assertTrue(details.get(0).getMessage().contains("nosuchchaincode"), details.get(0).getMessage());
    }

    @Test
    void aChaincodeErrorIsUnknownOnEvaluateAndAnAbortedEndorsementOnSubmitAsFabricsGatewayReportsIt() {
        GatewayException evaluated = assertThrows(GatewayException.class,
                () -> contract.evaluateTransaction("ReadAsset", "nosuchasset"));
        EndorseException submitted = assertThrows(EndorseException.class,
                () -> contract.submitTransaction("CreateAsset", "asset1", "red", "1", "Al", "1"));

        assertEquals(Status.Code.UNKNOWN, evaluated.getStatus().getCode());
        assertTrue(evaluated.getMessage().contains("evaluate call to endorser returned error: chaincode response 500, "
                + "the asset nosuchasset does not exist"), evaluated.getMessage());
        assertEquals(Status.Code.ABORTED, submitted.getStatus().getCode());
        assertTrue(submitted.getDetails().get(0).getMessage().contains("the asset asset1 already exists"),
                submitted.getDetails().toString());
    }

    @Test
    void namedEndorsingOrganisationsAreUsedAndAnOrganisationWithoutPeersIsUnavailable() throws Exception {
        byte[] created = contract.newProposal("CreateAsset").addArguments("orgs1", "red", "1", "Al", "1")
                .setEndorsingOrganizations("Org1MSP").build().endorse().submit();
        assertTrue(new String(created, StandardCharsets.UTF_8).contains("orgs1"));

        EndorseException thrown = assertThrows(EndorseException.class, () -> contract.newProposal("CreateAsset")
                .addArguments("orgs2", "red", "1", "Al", "1").setEndorsingOrganizations("Org1MSP", "Org9MSP")
                .build().endorse());
        assertEquals(Status.Code.UNAVAILABLE, thrown.getStatus().getCode());
        assertTrue(thrown.getMessage().contains("failed to find any endorsing peers for org(s): Org9MSP"),
                thrown.getMessage());
    }

    @Test
    void anUnknownChannelIsNotFound() {
        Contract elsewhere = gateway.getNetwork("nosuchchannel").getContract("basic");

        GatewayException thrown = assertThrows(GatewayException.class,
                () -> elsewhere.evaluateTransaction("ReadAsset", "asset1"));

        assertEquals(Status.Code.NOT_FOUND, thrown.getStatus().getCode());
        assertTrue(thrown.getMessage().contains("nosuchchannel"), thrown.getMessage());
    }
}
