package weft.runtime.committer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.plugins.utxo.UtxoValidationFactory;
import weft.plugins.vscc.DefaultValidationFactory;
import weft.runtime.committer.bench.SignedNetwork;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.policy.PolicyParser;

/**
 * UtxoValidation through the real committer: a chaincode definition names the validator {@code utxo}, which the
 * channel maps to the UtxoValidation bundle's factory as core.yaml's {@code utxo: {name: UtxoValidation}} does;
 * blocks are signed as a Fabric network signs them, validated in parallel and committed to a LevelDB ledger.
 */
class UtxoThroughCommitterTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final ScheduledExecutorService CALLS = Executors.newSingleThreadScheduledExecutor();
    private static final byte VALID = 0;
    private static final byte ENDORSEMENT_POLICY_FAILURE = 10;

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        CALLS.shutdownNow();
    }

    /** The channel's validators by definition name, one instance each, initialised on first use. */
    private static ValidationPlugins handlers() {
        Map<String, OncePlugins> byName = Map.of(
                "vscc", new OncePlugins(new DefaultValidationFactory().newPlugin()),
                "utxo", new OncePlugins(new UtxoValidationFactory("Org1MSP").newPlugin()));
        return (name, dependencies) -> {
            OncePlugins plugins = byName.get(name);
            if (plugins == null) {
                throw new IllegalStateException("no validator " + name);
            }
            return plugins.plugin(name, dependencies);
        };
    }

    private static String key(String txId, int index) {
        return "\u0000utxo\u0000" + txId + "\u0000" + index + "\u0000";
    }

    private static String owner(SignedNetwork.Org org) throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(org.client().der()));
        return org.mspId() + "::x509::" + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253) + "::"
                + certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /** A read-write set spending {@code inputs} and creating outputs of {@code amounts} for {@code owner}. */
    private static Function<String, TxReadWriteSet> transfer(List<String> inputs, String owner, long... amounts) {
        return txId -> {
            KVRWSet.Builder kv = KVRWSet.newBuilder();
            inputs.forEach(input -> kv.addWrites(KVWrite.newBuilder().setKey(input).setIsDelete(true)));
            for (int i = 0; i < amounts.length; i++) {
                kv.addWrites(KVWrite.newBuilder().setKey(key(txId, i)).setValue(ByteString.copyFromUtf8(
                        "{\"owner\":\"" + owner + "\",\"type\":\"USD\",\"amount\":" + amounts[i] + "}")));
            }
            return TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV).addNsRwset(NsReadWriteSet
                    .newBuilder().setNamespace(SignedNetwork.CHAINCODE).setRwset(kv.build().toByteString())).build();
        };
    }

    private static List<String> txIds(Block block) throws Exception {
        List<String> ids = new ArrayList<>();
        for (ByteString data : block.getData().getDataList()) {
            ids.add(ChannelHeader.parseFrom(Payload.parseFrom(Envelope.parseFrom(data).getPayload()).getHeader()
                    .getChannelHeader()).getTxId());
        }
        return ids;
    }

    @Test
    void aChaincodeDefinedWithValidatorUtxoHasDoubleSpendsRejectedByUtxoValidation() throws Exception {
        SignedNetwork network = new SignedNetwork(2);
        SignedNetwork.Org org1 = network.orgs().get(0);
        List<SignedNetwork.Org> endorsers = List.of(org1);
        String owner = owner(org1); // every transaction's creator is Org1's client
        try (ChannelLedger ledger = ChannelLedger.open(dir, SignedNetwork.CHANNEL)) {
            ChannelCommitter committer = new ChannelCommitter(ledger,
                    new BlockValidator(POOL, CALLS, Duration.ofSeconds(30)), handlers(),
                    ChannelCommitter.RetryPolicy.STOP, null);
            committer.commit(network.genesis());
            committer.commit(network.definition(PolicyParser.parse("OutOf(1, 'Org1MSP.peer')"), "utxo"));

            Block mints = committer.commit(network.endorserTransactions(
                    List.of(transfer(List.of(), owner, 10), transfer(List.of(), owner, 5)), endorsers));
            assertArrayEquals(new byte[] {VALID, VALID}, mints.getMetadata().getMetadata(2).toByteArray());
            String a = key(txIds(mints).get(0), 0);
            String b = key(txIds(mints).get(1), 0);

            // No reads in these write sets, so MVCC cannot catch the double spend: only the plugin does.
            Block spends = committer.commit(network.endorserTransactions(List.of(
                    transfer(List.of(a), owner, 4, 6),      // valid
                    transfer(List.of(a), owner, 10),        // a again: the first valid spend won
                    transfer(List.of(b), owner, 6),         // overspend
                    transfer(List.of(b), owner, 5)),        // valid: the overspend did not count
                    endorsers));
            assertArrayEquals(new byte[] {VALID, ENDORSEMENT_POLICY_FAILURE, ENDORSEMENT_POLICY_FAILURE, VALID},
                    spends.getMetadata().getMetadata(2).toByteArray());
            List<String> ids = txIds(spends);
            assertTrue(ledger.state().get(SignedNetwork.CHAINCODE, a).isEmpty(), "a is spent");
            assertTrue(ledger.state().get(SignedNetwork.CHAINCODE, key(ids.get(0), 1)).isPresent());
            assertTrue(ledger.state().get(SignedNetwork.CHAINCODE, key(ids.get(1), 0)).isEmpty(), "no double spend");

            Block replay = committer.commit(network.endorserTransactions(
                    List.of(transfer(List.of(a), owner, 10)), endorsers));
            assertArrayEquals(new byte[] {ENDORSEMENT_POLICY_FAILURE}, replay.getMetadata().getMetadata(2).toByteArray());
            assertEquals("{\"owner\":\"" + owner + "\",\"type\":\"USD\",\"amount\":4}",
                    ledger.state().get(SignedNetwork.CHAINCODE, key(ids.get(0), 0)).orElseThrow().value().toStringUtf8());
        }
    }
}
