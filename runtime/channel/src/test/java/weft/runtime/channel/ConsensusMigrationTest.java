package weft.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.plugin.PluginInitException;
import weft.plugins.ordering.solo.SoloConsenterFactory;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.configtx.ChannelSettings;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.verify.ChainVerifier;

/**
 * Moving a live channel from solo to Raft: transactions keep flowing (clients retry while the channel is in
 * maintenance), none acknowledged is lost or ordered twice, the chain continues unbroken, a restart opens on Raft,
 * and refused migrations leave the channel on solo.
 */
class ConsensusMigrationTest {

    private static final Duration MIGRATION_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path crypto;

    @TempDir
    Path data;

    static TestNode node;
    private ChannelHost host;
    private int raftPort;

    @BeforeAll
    static void material() throws Exception {
        node = new TestNode(crypto.resolve("crypto"));
    }

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private void deployed() throws Exception {
        node.packages.clear();
        raftPort = freePort();
        host = node.host(data, raftPort);
        host.join(GenesisBlocks.of(node.profile(TestNode.CHANNEL, TestNode.fastBatches())));
        TestNode.deployBasic(host, node.admin);
    }

    @Test
    void migrationWhileTransactionsFlowLosesNoAcknowledgedTransactionAndOrdersNoneTwice() throws Exception {
        deployed();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refusedInMaintenance = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                GatewayClient gateway = new GatewayClient(node.user);
                try {
                    for (int i = 0; !stop.get(); i++) {
                        GatewayClient.Proposed proposed = gateway.proposeStrings(TestNode.CHANNEL, "basic",
                                List.of("CreateAsset", "m" + client + "-" + i, "red", "1", "Ana", "10"));
                        Envelope transaction = gateway.transaction(proposed, List.of(host.endorse(proposed.signed())));
                        while (true) {
                            try {
                                CommitStatus status = host.submit(transaction, TestNode.TIMEOUT);
                                assertEquals(TxValidationCode.VALID, status.code(), proposed.txId());
                                acknowledged.add(proposed.txId());
                                break;
                            } catch (BroadcastException e) {
                                if (e.status() != Status.SERVICE_UNAVAILABLE) {
                                    throw e;
                                }
                                refusedInMaintenance.incrementAndGet();
                                Thread.sleep(20); // the same envelope again, as a client retries
                            }
                        }
                    }
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            }, "client-" + c);
            thread.start();
            clients.add(thread);
        }
        Thread.sleep(800);
        int beforeMigration = acknowledged.size();

        long configBlock = host.migrateConsensus(TestNode.CHANNEL, "raft", MIGRATION_TIMEOUT);

        assertEquals("raft", host.consensusType(TestNode.CHANNEL).orElseThrow());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (host.height(TestNode.CHANNEL) < configBlock + 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        stop.set(true);
        for (Thread thread : clients) {
            thread.join(TestNode.TIMEOUT.toMillis());
        }
        assertEquals(List.of(), failures);
        assertTrue(beforeMigration > 0, "transactions flowed on solo before the migration");
        long height = host.height(TestNode.CHANNEL);
        assertTrue(height > configBlock + 1, "Raft ordered blocks after the config block");
        host.close();
        host = null;

        assertTrue(ChainVerifier.verify(data).stream().allMatch(ChainVerifier.ChainReport::intact),
                "the ledger's and the orderer's chains verify: " + ChainVerifier.verify(data));
        Map<String, Integer> ordered = new HashMap<>();
        Map<String, Long> blockOf = new HashMap<>();
        try (ChannelLedger ledger = ChannelLedger.open(data, TestNode.CHANNEL)) {
            assertEquals(height, ledger.chainInfo().height());
            Block previous = null;
            for (long n = 0; n < height; n++) {
                Block block = ledger.blockByNumber(n).orElseThrow();
                assertEquals(n, block.getHeader().getNumber(), "block numbers are consecutive");
                if (previous != null) {
                    assertEquals(BlockHashes.headerHash(previous.getHeader()), block.getHeader().getPreviousHash(),
                            "block " + n + " links to block " + (n - 1));
                }
                for (ByteString envelope : block.getData().getDataList()) {
                    String txId = ChannelHeader.parseFrom(Payload.parseFrom(Envelope.parseFrom(envelope).getPayload())
                            .getHeader().getChannelHeader()).getTxId();
                    ordered.merge(txId, 1, Integer::sum);
                    blockOf.put(txId, n);
                }
                previous = block;
            }
            Block config = ledger.blockByNumber(configBlock).orElseThrow();
            ChannelSettings settings = ChannelSettings.read(ChannelConfig.configEnvelope(config).orElseThrow()
                    .getConfig().getChannelGroup());
            assertEquals("raft", settings.orderer().consensusType());
            assertEquals(raftPort, ConfigMetadata.parseFrom(settings.orderer().consensusMetadata()).getConsenters(0)
                    .getPort());
        }
        for (String txId : acknowledged) {
            assertEquals(1, ordered.getOrDefault(txId, 0), "acknowledged transaction " + txId + " is in exactly one block");
        }
        ordered.forEach((txId, count) -> assertEquals(1, count, "transaction " + txId + " ordered once"));
        assertTrue(acknowledged.stream().anyMatch(txId -> blockOf.get(txId) > configBlock),
                "transactions were ordered by Raft after the config block");
        System.out.printf("migration under load: %d transactions acknowledged (%d before the migration), "
                + "%d refusals while in maintenance, config block %d, height %d%n", acknowledged.size(),
                beforeMigration, refusedInMaintenance.get(), configBlock, height);
    }

    @Test
    void aRestartAfterTheMigrationOpensOnRaftAndKeepsOrdering() throws Exception {
        deployed();
        long configBlock = host.migrateConsensus(TestNode.CHANNEL, "raft", MIGRATION_TIMEOUT);
        CommitStatus onRaft = new ChannelClient(host, node.user, TestNode.TIMEOUT).submitStrings(TestNode.CHANNEL,
                "basic", List.of("TransferAsset", "asset1", "Raf")).status();
        assertEquals(configBlock + 1, onRaft.blockNumber());
        long height = host.height(TestNode.CHANNEL);
        host.close();

        host = node.host(data, raftPort);
        assertEquals(List.of(TestNode.CHANNEL), host.openJoined());

        assertEquals("raft", host.consensusType(TestNode.CHANNEL).orElseThrow());
        ChannelClient user = new ChannelClient(host, node.user, TestNode.TIMEOUT);
        CommitStatus next = user.submitStrings(TestNode.CHANNEL, "basic", List.of("TransferAsset", "asset1", "Zoe"))
                .status();
        assertEquals(TxValidationCode.VALID, next.code());
        assertEquals(height, next.blockNumber(), "block numbers continue after the restart");
        assertTrue(user.evaluateStrings(TestNode.CHANNEL, "basic", List.of("ReadAsset", "asset1")).toStringUtf8()
                .contains("Zoe"));
        host.close();
        host = null;
        assertTrue(ChainVerifier.verify(data).stream().allMatch(ChainVerifier.ChainReport::intact));
    }

    @Test
    void aLedgerBehindTheMigrationsConfigBlockStillOpensTheChannelOnRaft() throws Exception {
        deployed();
        host.migrateConsensus(TestNode.CHANNEL, "raft", MIGRATION_TIMEOUT);
        long height = host.height(TestNode.CHANNEL);
        host.close();
        // As if the node stopped after ordering the config block but before committing it: the orderer's store
        // holds it, the ledger does not (here the ledger is lost entirely and rebuilt from the store).
        deleteRecursively(data.resolve("chains"));
        deleteRecursively(data.resolve("stores"));

        host = node.host(data, raftPort);
        host.openJoined();

        assertEquals("raft", host.consensusType(TestNode.CHANNEL).orElseThrow(), "the orderer's last config decides");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (host.height(TestNode.CHANNEL) < height && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(height, host.height(TestNode.CHANNEL));
    }

    @Test
    void aRefusedMigrationLeavesTheChannelServingOnSolo() throws Exception {
        deployed();
        long height = host.height(TestNode.CHANNEL);

        ChannelException unknown = assertThrows(ChannelException.class,
                () -> host.migrateConsensus(TestNode.CHANNEL, "bft", MIGRATION_TIMEOUT));
        ChannelException same = assertThrows(ChannelException.class,
                () -> host.migrateConsensus(TestNode.CHANNEL, "solo", MIGRATION_TIMEOUT));
        ChannelException missing = assertThrows(ChannelException.class,
                () -> host.migrateConsensus("nochannel", "raft", MIGRATION_TIMEOUT));

        assertTrue(unknown.getMessage().contains("migration from solo to 'bft' is not supported"), unknown.getMessage());
        assertTrue(same.getMessage().contains("already ordered by solo"), same.getMessage());
        assertTrue(missing.getMessage().contains("'nochannel' not found"), missing.getMessage());
        assertEquals("solo", host.consensusType(TestNode.CHANNEL).orElseThrow());
        assertEquals(height, host.height(TestNode.CHANNEL), "nothing was written");
        CommitStatus served = new ChannelClient(host, node.user, TestNode.TIMEOUT).submitStrings(TestNode.CHANNEL,
                "basic", List.of("TransferAsset", "asset1", "Sol")).status();
        assertEquals(TxValidationCode.VALID, served.code());
    }

    @Test
    void aMigrationToAnAlreadyRaftChannelIsRefusedAndRaftKeepsOrdering() throws Exception {
        deployed();
        host.migrateConsensus(TestNode.CHANNEL, "raft", MIGRATION_TIMEOUT);
        long height = host.height(TestNode.CHANNEL);

        ChannelException again = assertThrows(ChannelException.class,
                () -> host.migrateConsensus(TestNode.CHANNEL, "raft", MIGRATION_TIMEOUT));

        assertTrue(again.getMessage().contains("already ordered by raft"), again.getMessage());
        assertEquals(height, host.height(TestNode.CHANNEL));
        assertEquals(TxValidationCode.VALID, new ChannelClient(host, node.user, TestNode.TIMEOUT).submitStrings(
                TestNode.CHANNEL, "basic", List.of("TransferAsset", "asset1", "Ray")).status().code());
    }

    @Test
    void aTakenRaftPortRefusesTheMigrationBeforeAnythingIsWritten() throws Exception {
        deployed();
        long height = host.height(TestNode.CHANNEL);
        ChannelException refused;
        try (ServerSocket taken = new ServerSocket(raftPort)) {
            refused = assertThrows(ChannelException.class,
                    () -> host.migrateConsensus(TestNode.CHANNEL, "raft", MIGRATION_TIMEOUT), "port " + taken);
        }

        assertTrue(refused.getMessage().contains("cannot be bound"), refused.getMessage());
        assertEquals(height, host.height(TestNode.CHANNEL), "no config block was written");
        assertEquals("solo", host.consensusType(TestNode.CHANNEL).orElseThrow());
        assertEquals(TxValidationCode.VALID, new ChannelClient(host, node.user, TestNode.TIMEOUT).submitStrings(
                TestNode.CHANNEL, "basic", List.of("TransferAsset", "asset1", "Sol")).status().code());
    }

    @Test
    void whenRaftCannotStartALaterConfigBlockPutsSoloBackAndTheChannelKeepsServing() throws Exception {
        node.packages.clear();
        raftPort = freePort();
        // A Raft bundle whose consenter fails to start, as one whose storage cannot be opened would.
        host = node.host(data, raftPort, type -> switch (type) {
            case "solo" -> new SoloConsenterFactory();
            case "raft" -> dependencies -> {
                throw new PluginInitException("the Raft log directory cannot be opened");
            };
            default -> throw new ChannelException("no consenter bundle serves consensus type '" + type + "'");
        });
        host.join(GenesisBlocks.of(node.profile(TestNode.CHANNEL, TestNode.fastBatches())));
        TestNode.deployBasic(host, node.admin);
        long height = host.height(TestNode.CHANNEL);

        ChannelException failed = assertThrows(ChannelException.class,
                () -> host.migrateConsensus(TestNode.CHANNEL, "raft", MIGRATION_TIMEOUT));

        assertTrue(failed.getMessage().contains("puts solo back") && failed.getMessage().contains("cannot be opened"),
                failed.getMessage());
        assertEquals(height + 2, host.height(TestNode.CHANNEL), "a config block naming raft, then one naming solo");
        assertEquals("solo", host.consensusType(TestNode.CHANNEL).orElseThrow());
        assertFalse(host.halted(TestNode.CHANNEL).isPresent());
        CommitStatus served = new ChannelClient(host, node.user, TestNode.TIMEOUT).submitStrings(TestNode.CHANNEL,
                "basic", List.of("TransferAsset", "asset1", "Sol")).status();
        assertEquals(TxValidationCode.VALID, served.code());
        assertEquals(height + 2, served.blockNumber());
        host.close();

        host = node.host(data, raftPort);
        host.openJoined();
        assertEquals("solo", host.consensusType(TestNode.CHANNEL).orElseThrow(), "the last config block names solo");
    }

    private static void deleteRecursively(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
