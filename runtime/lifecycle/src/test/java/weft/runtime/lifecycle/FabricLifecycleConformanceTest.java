package weft.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.Response;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.runtime.lifecycle.state.StateSerializer;
import weft.testing.FabricLedgers;

/**
 * Replays every {@code _lifecycle} approval and commit of the real Fabric ledgers through {@link LifecycleChaincode}
 * on the state as of that transaction, and compares the result with what Fabric's peer endorsed: the same public
 * keys and values byte for byte, the same private key hashes and value hashes, the same keys read, the same
 * response payload.
 */
class FabricLifecycleConformanceTest {

    private static final InstalledPackages NO_PACKAGES = new InstalledPackages() {
        @Override
        public InstalledPackage install(ByteString chaincodeInstallPackage) {
            throw new UnsupportedOperationException("the _lifecycle chaincode does not use this");
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

    /** How many approvals and commits a ledger held, all of which matched. */
    record Replayed(int approvals, int commits) {
    }

    @Test
    void reproducesFabricsLifecycleWriteSetsOnFabricNetSmall() throws Exception {
        assertEquals(new Replayed(10, 5), replay(FabricLedgers.FABRIC_NET_SMALL));
    }

    @Test
    void reproducesFabricsLifecycleWriteSetsOnV20TestChannel() throws Exception {
        assertEquals(new Replayed(9, 3), replay(FabricLedgers.V20_TESTCHANNEL));
    }

    @Test
    void reproducesFabricsLifecycleWriteSetsOnSampleProd() throws Exception {
        assertEquals(new Replayed(2, 1), replay(FabricLedgers.SAMPLE_PROD));
    }

    private Replayed replay(String ledgerName) throws Exception {
        List<BlockRecord> blocks = BlockFileReader.readAll(FabricLedgers.blockFile(ledgerName));
        MemoryLedger state = new MemoryLedger();
        ConfigChannelView channel = null;
        int approvals = 0;
        int commits = 0;
        for (BlockRecord record : blocks) {
            Block block = record.block();
            if (ChannelConfig.configEnvelope(block).isPresent()) {
                channel = ConfigChannelView.of(block);
                continue;
            }
            byte[] filter = block.getMetadata().getMetadata(2).toByteArray();
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                Optional<LifecycleTx> parsed = LifecycleTx.parse(block.getData().getData(i));
                if (parsed.isEmpty() || filter[i] != 0) {
                    continue;
                }
                LifecycleTx tx = parsed.get();
                String where = ledgerName + " block " + block.getHeader().getNumber() + " tx " + i + " (" + tx.function()
                        + " by " + tx.endorserMsp() + ")";
                MemoryStub stub = null;
                if (tx.function().equals(LifecycleChaincode.APPROVE) || tx.function().equals(LifecycleChaincode.COMMIT)) {
                    ConfigChannelView view = channel;
                    LifecycleChaincode lifecycle = new LifecycleChaincode(tx.endorserMsp(), id -> Optional.of(view),
                            NO_PACKAGES);
                    if (tx.function().equals(LifecycleChaincode.COMMIT)) {
                        assertEveryOrgApproved(where, lifecycle, state, tx, view);
                    }
                    stub = new MemoryStub(state, tx.channelId(), tx.args());
                    Response response = lifecycle.invoke(stub);
                    assertTrue(response.isSuccess(), where + ": " + response.message());
                    assertEquals(tx.action().getResponse().getPayload(), response.payload(), where + ": response payload");
                    assertSameWrites(where, tx.lifecycleRwSet(), stub);
                    assertSameReads(where, tx.lifecycleRwSet(), stub);
                    if (tx.function().equals(LifecycleChaincode.APPROVE)) {
                        approvals++;
                    } else {
                        commits++;
                    }
                }
                apply(tx.lifecycleRwSet(), stub, state);
                if (tx.function().equals(LifecycleChaincode.COMMIT)) {
                    ConfigChannelView view = channel;
                    assertCommittedDefinitionReads(where, new LifecycleChaincode(tx.endorserMsp(),
                            id -> Optional.of(view), NO_PACKAGES), state, tx, view);
                }
            }
        }
        return new Replayed(approvals, commits);
    }

    /** Every organisation of these networks approved each definition before it was committed. */
    private static void assertEveryOrgApproved(String where, LifecycleChaincode lifecycle, MemoryLedger state,
                                               LifecycleTx tx, ChannelView channel) throws Exception {
        // CheckCommitReadinessArgs numbers its fields as CommitChaincodeDefinitionArgs does.
        CheckCommitReadinessArgs args = CheckCommitReadinessArgs.parseFrom(tx.args().get(1));
        assertEquals(CommitChaincodeDefinitionArgs.parseFrom(tx.args().get(1)).getName(), args.getName());
        MemoryStub stub = MemoryStub.of(state, tx.channelId(), LifecycleChaincode.CHECK_COMMIT_READINESS,
                args.toByteString());
        Response response = lifecycle.invoke(stub);
        assertTrue(response.isSuccess(), where + ": check commit readiness: " + response.message());
        CheckCommitReadinessResult result = CheckCommitReadinessResult.parseFrom(response.payload());
        Map<String, Boolean> expected = new TreeMap<>();
        channel.applicationOrganizations().forEach(org -> expected.put(org, true));
        assertEquals(expected, new TreeMap<>(result.getApprovalsMap()), where + ": readiness");
        assertTrue(result.getMismatchesMap().isEmpty(), where + ": mismatches " + result.getMismatchesMap());
        assertTrue(stub.writes.isEmpty() && stub.privateWrites.isEmpty(), where + ": readiness must not write");
    }

    /** After a commit, the definition reads back as committed, approved by every organisation. */
    private static void assertCommittedDefinitionReads(String where, LifecycleChaincode lifecycle, MemoryLedger state,
                                                       LifecycleTx tx, ChannelView channel) throws Exception {
        CommitChaincodeDefinitionArgs committed = CommitChaincodeDefinitionArgs.parseFrom(tx.args().get(1));
        Response response = lifecycle.invoke(MemoryStub.of(state, tx.channelId(), LifecycleChaincode.QUERY_DEFINITION,
                QueryChaincodeDefinitionArgs.newBuilder().setName(committed.getName()).build().toByteString()));
        assertTrue(response.isSuccess(), where + ": query definition: " + response.message());
        QueryChaincodeDefinitionResult result = QueryChaincodeDefinitionResult.parseFrom(response.payload());
        assertEquals(committed.getSequence(), result.getSequence(), where);
        assertEquals(committed.getVersion(), result.getVersion(), where);
        assertEquals(committed.getInitRequired(), result.getInitRequired(), where);
        assertEquals(committed.getCollections(), result.getCollections(), where);
        if (!committed.getValidationParameter().isEmpty()) {
            assertEquals(committed.getValidationParameter(), result.getValidationParameter(), where);
        }
        assertTrue(result.getApprovalsMap().values().stream().allMatch(Boolean::booleanValue), where + ": "
                + result.getApprovalsMap());
        assertEquals(channel.applicationOrganizations().size(), result.getApprovalsCount(), where);
    }

    /** Commits a valid transaction's _lifecycle writes: Fabric's hashes, and our values where we computed them. */
    private static void apply(NsReadWriteSet rwset, MemoryStub stub, MemoryLedger state) throws Exception {
        if (rwset == null) {
            return;
        }
        for (KVWrite write : KVRWSet.parseFrom(rwset.getRwset()).getWritesList()) {
            state.putPublic(write.getKey(), write.getIsDelete() ? ByteString.EMPTY : write.getValue());
        }
        for (CollectionHashedReadWriteSet collection : rwset.getCollectionHashedRwsetList()) {
            for (KVWriteHash write : HashedRWSet.parseFrom(collection.getHashedRwset()).getHashedWritesList()) {
                state.putHash(collection.getCollectionName(), write.getKeyHash(),
                        write.getIsDelete() ? ByteString.EMPTY : write.getValueHash());
            }
        }
        if (stub != null) {
            // Our values, proven equal to Fabric's by their hashes, so later approvals can read them.
            stub.privateWrites.forEach((collection, kvs) -> kvs.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    state.privateValues.computeIfAbsent(collection, c -> new TreeMap<>()).put(k, v);
                }
            }));
        }
    }

    /** Fabric's public writes and private write hashes, and ours, compared as hex so a failure reads well. */
    private static void assertSameWrites(String where, NsReadWriteSet rwset, MemoryStub stub) throws Exception {
        Map<String, String> fabricWrites = new TreeMap<>();
        for (KVWrite write : KVRWSet.parseFrom(rwset.getRwset()).getWritesList()) {
            fabricWrites.put(write.getKey(), write.getIsDelete() ? "<delete>" : hex(write.getValue()));
        }
        Map<String, String> ourWrites = new TreeMap<>();
        stub.writes.forEach((k, v) -> ourWrites.put(k, v.isEmpty() ? "<delete>" : hex(v)));
        assertEquals(fabricWrites, ourWrites, where + ": public writes");

        Map<String, Map<String, String>> fabricHashes = new TreeMap<>();
        for (CollectionHashedReadWriteSet collection : rwset.getCollectionHashedRwsetList()) {
            Map<String, String> writes = new TreeMap<>();
            for (KVWriteHash write : HashedRWSet.parseFrom(collection.getHashedRwset()).getHashedWritesList()) {
                writes.put(hex(write.getKeyHash()), write.getIsDelete() ? "<delete>" : hex(write.getValueHash()));
            }
            if (!writes.isEmpty()) {
                fabricHashes.put(collection.getCollectionName(), writes);
            }
        }
        Map<String, Map<String, String>> ourHashes = new TreeMap<>();
        stub.privateWrites.forEach((collection, kvs) -> {
            Map<String, String> writes = new TreeMap<>();
            kvs.forEach((k, v) -> writes.put(hex(StateSerializer.sha256(ByteString.copyFromUtf8(k))),
                    v.isEmpty() ? "<delete>" : hex(StateSerializer.sha256(v))));
            ourHashes.put(collection, writes);
        });
        assertEquals(fabricHashes, ourHashes, where + ": private write hashes");
    }

    /** The keys Fabric's endorsement read in _lifecycle (public, and hashed per collection), and ours. */
    private static void assertSameReads(String where, NsReadWriteSet rwset, MemoryStub stub) throws Exception {
        List<String> fabricReads = new ArrayList<>();
        for (KVRead read : KVRWSet.parseFrom(rwset.getRwset()).getReadsList()) {
            fabricReads.add(read.getKey());
        }
        assertEquals(fabricReads.stream().sorted().toList(), List.copyOf(stub.reads), where + ": public reads");

        Map<String, List<String>> fabricHashedReads = new TreeMap<>();
        for (CollectionHashedReadWriteSet collection : rwset.getCollectionHashedRwsetList()) {
            List<String> reads = new ArrayList<>();
            for (KVReadHash read : HashedRWSet.parseFrom(collection.getHashedRwset()).getHashedReadsList()) {
                reads.add(hex(read.getKeyHash()));
            }
            if (!reads.isEmpty()) {
                fabricHashedReads.put(collection.getCollectionName(), reads.stream().sorted().toList());
            }
        }
        Map<String, List<String>> ourHashedReads = new TreeMap<>();
        stub.privateReads.forEach((collection, keys) -> ourHashedReads.put(collection, keys.stream()
                .map(k -> hex(StateSerializer.sha256(ByteString.copyFromUtf8(k)))).sorted().toList()));
        assertEquals(fabricHashedReads, ourHashedReads, where + ": private reads");
    }

    private static String hex(ByteString bytes) {
        return java.util.HexFormat.of().formatHex(bytes.toByteArray());
    }

    /** One endorser transaction invoking _lifecycle, taken apart. */
    record LifecycleTx(String channelId, List<ByteString> args, String endorserMsp, ChaincodeAction action,
                       NsReadWriteSet lifecycleRwSet) {

        String function() {
            return args.isEmpty() ? "" : args.get(0).toStringUtf8();
        }

        static Optional<LifecycleTx> parse(ByteString envelopeBytes) throws Exception {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return Optional.empty();
            }
            Transaction transaction = Transaction.parseFrom(payload.getData());
            ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(
                    ChaincodeProposalPayload.parseFrom(cap.getChaincodeProposalPayload()).getInput());
            if (!spec.getChaincodeSpec().getChaincodeId().getName().equals(LifecycleChaincode.NAME)) {
                return Optional.empty();
            }
            ChaincodeAction action = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload()).getExtension());
            NsReadWriteSet lifecycle = null;
            for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(action.getResults()).getNsRwsetList()) {
                if (ns.getNamespace().equals(LifecycleChaincode.NAME)) {
                    lifecycle = ns;
                }
            }
            String endorserMsp = SerializedIdentity.parseFrom(cap.getAction().getEndorsements(0).getEndorser()).getMspid();
            return Optional.of(new LifecycleTx(header.getChannelId(), spec.getChaincodeSpec().getInput().getArgsList(),
                    endorserMsp, action, lifecycle));
        }
    }
}
