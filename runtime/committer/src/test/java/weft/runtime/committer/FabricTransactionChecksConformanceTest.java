package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weft.runtime.ledger.blockfile.BlockFileReader;
import weft.runtime.ledger.blockfile.BlockRecord;
import weft.testing.FabricLedgers;

/**
 * The per-transaction checks against Fabric's own verdicts in real ledgers: every code Fabric decides before any
 * validation plugin runs (malformed envelopes, headers, txids, signatures, rwsets, chaincode ids, events,
 * namespaces, duplicates) must come out the same, and every transaction Fabric then judged by plugins or MVCC
 * (VALID, ENDORSEMENT_POLICY_FAILURE, MVCC/phantom conflicts) must pass these checks.
 */
class FabricTransactionChecksConformanceTest {

    private static final Set<Integer> DECIDED_LATER = Set.of(TxValidationCode.VALID_VALUE,
            TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE, TxValidationCode.MVCC_READ_CONFLICT_VALUE,
            TxValidationCode.PHANTOM_READ_CONFLICT_VALUE);
    @ParameterizedTest
    @ValueSource(strings = {FabricLedgers.SAMPLE_PROD, FabricLedgers.V20_TESTCHANNEL, FabricLedgers.FABRIC_NET_SMALL})
    void checksAgreeWithFabricsVerdicts(String ledger) throws Exception {
        List<String> mismatches = replay(ledger, new TreeMap<>());
        assertEquals(List.of(), mismatches);
    }

    @Test
    void fabricNetSmallExercisesEveryStructuralCode() throws Exception {
        TreeMap<Integer, Integer> codes = new TreeMap<>();
        replay(FabricLedgers.FABRIC_NET_SMALL, codes);
        for (TxValidationCode code : List.of(TxValidationCode.BAD_PROPOSAL_TXID, TxValidationCode.BAD_COMMON_HEADER,
                TxValidationCode.INVALID_ENDORSER_TRANSACTION, TxValidationCode.BAD_RWSET,
                TxValidationCode.ILLEGAL_WRITESET, TxValidationCode.INVALID_CHAINCODE,
                TxValidationCode.INVALID_OTHER_REASON, TxValidationCode.BAD_RESPONSE_PAYLOAD,
                TxValidationCode.DUPLICATE_TXID)) {
            assertTrue(codes.getOrDefault(code.getNumber(), 0) > 0, code + " was reproduced: " + codes);
        }
    }

    /** Checks every block; returns the disagreements and counts the structural codes reproduced. */
    private static List<String> replay(String ledger, TreeMap<Integer, Integer> reproduced) throws Exception {
        ChannelConfig config = null;
        Set<String> committed = new HashSet<>();
        List<String> mismatches = new ArrayList<>();
        for (BlockRecord record : BlockFileReader.readAll(FabricLedgers.blockFile(ledger))) {
            Block block = record.block();
            byte[] fabric = block.getMetadata().getMetadata(2).toByteArray();
            if (config == null) {
                // A ledger is created from its genesis block, which is not validated (Fabric's channel join; the
                // genesis block of a channel-participation network carries no creator at all).
                config = ChannelConfig.fromConfigBlock(block);
                continue;
            }
            TransactionChecker checker = new TransactionChecker(config, committed::contains);
            List<TransactionCheck> checks = new ArrayList<>();
            for (int tx = 0; tx < block.getData().getDataCount(); tx++) {
                checks.add(checker.check(tx, block.getData().getData(tx)));
            }
            byte[] weft = new byte[checks.size()];
            List<String> txIds = new ArrayList<>();
            for (int tx = 0; tx < checks.size(); tx++) {
                weft[tx] = (byte) checks.get(tx).code().getNumber();
                txIds.add(checks.get(tx).transaction().map(ParsedTransaction::txId).orElse(null));
            }
            BlockChecks.markDuplicatesWithinBlock(weft, txIds);
            for (int tx = 0; tx < weft.length; tx++) {
                int expected = fabric[tx] & 0xff;
                int actual = weft[tx] & 0xff;
                boolean agrees = DECIDED_LATER.contains(expected) ? actual == TxValidationCode.VALID_VALUE : actual == expected;
                if (!agrees) {
                    mismatches.add("block " + block.getHeader().getNumber() + " tx " + tx + ": Fabric "
                            + TxValidationCode.forNumber(expected) + ", Weft " + TxValidationCode.forNumber(actual)
                            + " (" + checks.get(tx).reason() + ")");
                } else if (!DECIDED_LATER.contains(expected)) {
                    reproduced.merge(expected, 1, Integer::sum);
                }
                // The ledger indexes every transaction, valid or not, under its channel-header txid.
                committedTxId(block.getData().getData(tx)).ifPresent(committed::add);
            }
            var update = ChannelConfig.configEnvelope(block);
            if (update.isPresent() && block.getHeader().getNumber() > 0) {
                config = ChannelConfig.from(config.channelId(), update.get());
            }
        }
        return mismatches;
    }

    private static Optional<String> committedTxId(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            String txId = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
            return txId.isEmpty() ? Optional.empty() : Optional.of(txId);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
