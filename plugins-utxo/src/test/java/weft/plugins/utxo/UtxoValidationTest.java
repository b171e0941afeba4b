package weft.plugins.utxo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import weft.api.validation.ValidationPlugin;
import weft.plugins.utxo.TokenNetwork.Client;
import weft.plugins.utxo.TokenNetwork.Out;

class UtxoValidationTest {

    private TokenNetwork net;
    private ValidationPlugin plugin;
    private Client minter;
    private Client alice;
    private Client bob;

    @BeforeEach
    void setUp() throws Exception {
        net = new TokenNetwork();
        plugin = net.plugin();
        minter = net.client(net.org1, "minter");
        alice = net.client(net.org1, "alice");
        bob = net.client(net.org2, "bob");
    }

    /** Commits a block of the given transactions on two threads; returns the verdicts. */
    private Rejection[] commit(Envelope... envelopes) throws Exception {
        return commit(2, envelopes);
    }

    private Rejection[] commit(int threads, Envelope... envelopes) throws Exception {
        Block block = net.block(List.of(envelopes));
        return net.validateAndCommit(plugin, block, threads, IntStream.range(0, envelopes.length).boxed().toList());
    }

    /** Mints {@code amount} of {@code type} to {@code owner}; returns the output's key. */
    private String mint(Client owner, String type, long amount) throws Exception {
        Envelope mint = net.transfer(minter, List.of(), List.of(new Out(owner.owner(), type, amount)));
        assertArrayEquals(new Rejection[] {null}, commit(mint));
        return TokenNetwork.key(TokenNetwork.txId(mint), 0);
    }

    private Rejection single(Envelope envelope) throws Exception {
        return commit(envelope)[0];
    }

    @Test
    void aMintByTheMinterOrgAndATransferOfOwnedOutputsAreValidAndCommitted() throws Exception {
        String coin = mint(alice, "USD", 100);
        Envelope pay = net.transfer(alice, List.of(coin),
                List.of(new Out(bob.owner(), "USD", 60), new Out(alice.owner(), "USD", 40)));
        assertNull(single(pay));
        String txId = TokenNetwork.txId(pay);
        assertEquals(null, net.committed.get(coin));
        assertEquals("{\"owner\":\"" + bob.owner() + "\",\"type\":\"USD\",\"amount\":60}",
                net.committed.get(TokenNetwork.key(txId, 0)).toStringUtf8());
    }

    @Test
    void aLongChainOfSpendsAcrossBlocksIsAccepted() throws Exception {
        String coin = mint(alice, "EUR", 1_000);
        Client holder = alice;
        for (int i = 0; i < 60; i++) {
            Client next = i % 2 == 0 ? bob : alice;
            Envelope pass = net.transfer(holder, List.of(coin), List.of(new Out(next.owner(), "EUR", 1_000)));
            assertNull(single(pass), "spend " + i);
            coin = TokenNetwork.key(TokenNetwork.txId(pass), 0);
            holder = next;
        }
        assertEquals(1, net.committed.size());
    }

    @Test
    void aDoubleSpendInsideOneBlockLosesToTheFirstValidSpendWhateverTheThreadsAndOrder() throws Exception {
        String x = mint(alice, "USD", 10);
        String y = mint(alice, "USD", 5);
        List<Envelope> txs = List.of(
                // 0: spends x but overspends: invalid, so it does not count as a spend of x
                net.transfer(alice, List.of(x), List.of(new Out(bob.owner(), "USD", 11))),
                // 1: the first valid spend of x
                net.transfer(alice, List.of(x), List.of(new Out(bob.owner(), "USD", 10))),
                // 2: spends x again and y: loses to 1
                net.transfer(alice, List.of(x, y), List.of(new Out(bob.owner(), "USD", 15))),
                // 3: spends y; 2 was invalid, so 3 is the first valid spend of y
                net.transfer(alice, List.of(y), List.of(new Out(alice.owner(), "USD", 5))),
                // 4: spends y again: loses to 3
                net.transfer(alice, List.of(y), List.of(new Out(bob.owner(), "USD", 5))));
        Rejection[] expected = {Rejection.UNBALANCED, null, Rejection.DOUBLE_SPEND_IN_BLOCK, null,
                Rejection.DOUBLE_SPEND_IN_BLOCK};
        Random random = new Random(8);
        for (int threads : new int[] {1, 2, 5, 8}) {
            for (int round = 0; round < 10; round++) {
                List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
                Collections.shuffle(order, random);
                Block block = net.block(txs); // a new block each time: verdicts are memoised per block
                ValidationPlugin fresh = net.plugin();
                assertArrayEquals(expected, net.validate(fresh, block, threads, order),
                        threads + " threads, order " + order);
            }
        }
    }

    @Test
    void aLongChainOfConflictsInsideOneBlockIsDecidedInBlockOrder() throws Exception {
        // tx k spends coin k and coin k+1: tx 0 wins coins 0 and 1, tx 1 loses, tx 2 wins coins 2 and 3, ...
        List<String> coins = new ArrayList<>();
        List<Envelope> mints = new ArrayList<>();
        for (int i = 0; i <= 300; i++) {
            Envelope mint = net.transfer(minter, List.of(), List.of(new Out(alice.owner(), "T", 1)));
            mints.add(mint);
            coins.add(TokenNetwork.key(TokenNetwork.txId(mint), 0));
        }
        commit(mints.toArray(Envelope[]::new));
        List<Envelope> txs = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            txs.add(net.transfer(alice, List.of(coins.get(k), coins.get(k + 1)), List.of(new Out(bob.owner(), "T", 2))));
        }
        List<Integer> reversed = new ArrayList<>(IntStream.range(0, 300).boxed().toList());
        Collections.reverse(reversed);
        Rejection[] verdicts = net.validate(net.plugin(), net.block(txs), 2, reversed);
        for (int k = 0; k < 300; k++) {
            assertEquals(k % 2 == 0 ? null : Rejection.DOUBLE_SPEND_IN_BLOCK, verdicts[k], "tx " + k);
        }
    }

    @Test
    void spendingAnOutputThatAnEarlierBlockSpentIsRejected() throws Exception {
        String coin = mint(alice, "USD", 10);
        assertNull(single(net.transfer(alice, List.of(coin), List.of(new Out(bob.owner(), "USD", 10)))));
        assertEquals(Rejection.INPUT_NOT_UNSPENT,
                single(net.transfer(alice, List.of(coin), List.of(new Out(alice.owner(), "USD", 10)))));
    }

    @Test
    void aReplayOfACommittedTransferIsRejected() throws Exception {
        String coin = mint(alice, "USD", 10);
        Envelope pay = net.transfer(alice, List.of(coin), List.of(new Out(bob.owner(), "USD", 10)));
        assertNull(single(pay));
        assertEquals(Rejection.INPUT_NOT_UNSPENT, single(pay));
    }

    @Test
    void anOutputCreatedEarlierInTheSameBlockCannotBeSpent() throws Exception {
        String coin = mint(alice, "USD", 10);
        Envelope pay = net.transfer(alice, List.of(coin), List.of(new Out(alice.owner(), "USD", 10)));
        Envelope onward = net.transfer(alice, List.of(TokenNetwork.key(TokenNetwork.txId(pay), 0)),
                List.of(new Out(bob.owner(), "USD", 10)));
        assertArrayEquals(new Rejection[] {null, Rejection.INPUT_NOT_UNSPENT}, commit(pay, onward));
    }

    @Test
    void anOverspendIsRejected() throws Exception {
        String coin = mint(alice, "USD", 10);
        assertEquals(Rejection.UNBALANCED, single(net.transfer(alice, List.of(coin),
                List.of(new Out(bob.owner(), "USD", 8), new Out(alice.owner(), "USD", 3)))));
        assertEquals(Rejection.UNBALANCED, single(net.transfer(alice, List.of(coin),
                List.of(new Out(bob.owner(), "EUR", 10)))));
    }

    @Test
    void spendingSomeoneElsesOutputIsRejected() throws Exception {
        String coin = mint(alice, "USD", 10);
        assertEquals(Rejection.WRONG_OWNER, single(net.transfer(bob, List.of(coin),
                List.of(new Out(bob.owner(), "USD", 10)))));
        // Same names under another organisation's CA: not the owner either.
        Client fakeAlice = net.client(net.org2, "alice");
        assertEquals(Rejection.WRONG_OWNER, single(net.transfer(fakeAlice, List.of(coin),
                List.of(new Out(bob.owner(), "USD", 10)))));
    }

    @Test
    void zeroNegativeAndOverflowingAmountsAreRejected() throws Exception {
        String coin = mint(alice, "USD", 10);
        assertEquals(Rejection.NON_POSITIVE_AMOUNT, single(net.transfer(alice, List.of(coin),
                List.of(new Out(bob.owner(), "USD", 10), new Out(bob.owner(), "USD", 0)))));
        assertEquals(Rejection.NON_POSITIVE_AMOUNT, single(net.transfer(alice, List.of(coin),
                List.of(new Out(bob.owner(), "USD", 20), new Out(bob.owner(), "USD", -10)))));
        assertEquals(Rejection.AMOUNT_OVERFLOW, single(net.transfer(minter, List.of(),
                List.of(new Out(bob.owner(), "USD", Long.MAX_VALUE), new Out(bob.owner(), "USD", Long.MAX_VALUE)))));
        // Outputs that sum to the input only modulo 2^64.
        assertEquals(Rejection.AMOUNT_OVERFLOW, single(net.transfer(alice, List.of(coin),
                List.of(new Out(bob.owner(), "USD", Long.MAX_VALUE), new Out(bob.owner(), "USD", Long.MAX_VALUE),
                        new Out(bob.owner(), "USD", 12)))));
        String txId = net.newTxId();
        KVRWSet huge = KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey(TokenNetwork.key(txId, 0))
                .setValue(ByteString.copyFromUtf8("{\"owner\":\"" + bob.owner()
                        + "\",\"type\":\"USD\",\"amount\":18446744073709551616}"))).build();
        assertEquals(Rejection.AMOUNT_OVERFLOW, single(net.envelope(txId, minter, huge, net.org1)));
    }

    @Test
    void anInputListedTwiceInOneTransactionIsRejected() throws Exception {
        String coin = mint(alice, "USD", 10);
        String txId = net.newTxId();
        KVWrite spend = KVWrite.newBuilder().setKey(coin).setIsDelete(true).build();
        KVRWSet twice = KVRWSet.newBuilder().addWrites(spend).addWrites(spend)
                .addWrites(KVWrite.newBuilder().setKey(TokenNetwork.key(txId, 0))
                        .setValue(ByteString.copyFromUtf8(new Out(bob.owner(), "USD", 20).json()))).build();
        assertEquals(Rejection.INPUT_TWICE, single(net.envelope(txId, alice, twice, net.org1)));
    }

    @Test
    void aTransactionNotEndorsedAsTheChaincodePolicyRequiresIsRejected() throws Exception {
        String coin = mint(alice, "USD", 10);
        String txId = net.newTxId();
        KVRWSet kv = KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey(coin).setIsDelete(true))
                .addWrites(KVWrite.newBuilder().setKey(TokenNetwork.key(txId, 0))
                        .setValue(ByteString.copyFromUtf8(new Out(bob.owner(), "USD", 10).json()))).build();
        assertEquals(Rejection.ENDORSEMENT_POLICY_FAILURE, single(net.envelope(txId, alice, kv, net.org2)));
    }

    @Test
    void onlyTheMinterOrganisationCreatesTokensFromNothing() throws Exception {
        assertEquals(Rejection.MINT_NOT_ALLOWED, single(net.transfer(bob, List.of(),
                List.of(new Out(bob.owner(), "USD", 10)))));
    }

    @Test
    void outputsMustBeFreshAndWellFormedAndNothingElseMayBeWritten() throws Exception {
        String coin = mint(alice, "USD", 10);
        String txId = net.newTxId();
        KVWrite spend = KVWrite.newBuilder().setKey(coin).setIsDelete(true).build();
        String bobs = new Out(bob.owner(), "USD", 10).json();
        // overwriting an existing output (another transaction's id)
        assertEquals(Rejection.OUTPUT_NOT_FRESH, single(net.envelope(txId, alice, KVRWSet.newBuilder().addWrites(spend)
                .addWrites(KVWrite.newBuilder().setKey(coin).setValue(ByteString.copyFromUtf8(bobs))).build(), net.org1)));
        // index 1 without index 0
        assertEquals(Rejection.OUTPUT_NOT_FRESH, single(net.envelope(txId, alice, KVRWSet.newBuilder().addWrites(spend)
                .addWrites(KVWrite.newBuilder().setKey(TokenNetwork.key(txId, 1)).setValue(ByteString.copyFromUtf8(bobs)))
                .build(), net.org1)));
        assertEquals(Rejection.FOREIGN_WRITE, single(net.envelope(txId, alice, KVRWSet.newBuilder().addWrites(spend)
                .addWrites(KVWrite.newBuilder().setKey("balance").setValue(ByteString.copyFromUtf8("10"))).build(),
                net.org1)));
        assertEquals(Rejection.MALFORMED_OUTPUT, single(net.envelope(txId, alice, KVRWSet.newBuilder().addWrites(spend)
                .addWrites(KVWrite.newBuilder().setKey(TokenNetwork.key(txId, 0))
                        .setValue(ByteString.copyFromUtf8("{\"type\":\"USD\",\"amount\":10}"))).build(), net.org1)));
        assertEquals(1, net.committed.size(), "nothing rejected was committed");
    }
}
