package weft.plugins.anon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.plugin.PluginInitException;
import weft.api.validation.EndorsedAction;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.InvalidTransactionException;
import weft.api.validation.SerializedPolicy;
import weft.api.validation.ValidationPlugin;
import weft.plugins.anon.crypto.AnonymousParameter.Mode;
import weft.plugins.anon.crypto.EndorserField;
import weft.plugins.anon.crypto.Lsag;
import weft.plugins.anon.crypto.P256;
import weft.plugins.anon.crypto.Ring;

/** The endorsement plugin's output checked by the validation plugin, as the peer would call them. */
class AnonymousPluginsTest {

    private static final ByteString PAYLOAD = proposalResponsePayload("tx 1");
    private static final ByteString OTHER_PAYLOAD = proposalResponsePayload("tx 2");

    /** A proposal response payload as an endorser builds it, so the block-parsing path reads it too. */
    private static ByteString proposalResponsePayload(String proposal) {
        return org.hyperledger.fabric.protos.peer.ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFromUtf8(proposal))
                .setExtension(org.hyperledger.fabric.protos.peer.ChaincodeAction.newBuilder()
                        .setResponse(org.hyperledger.fabric.protos.peer.Response.newBuilder().setStatus(200))
                        .build().toByteString())
                .build().toByteString();
    }

    @TempDir
    Path directory;
    Endorsers endorsers;
    ValidationPlugin validation;

    @BeforeEach
    void setUp() throws Exception {
        endorsers = new Endorsers(directory, 4);
        validation = new AnonymousValidationFactory().newPlugin();
        validation.init();
    }

    private Endorsement endorse(int endorser, byte[] parameter, ByteString payload) throws Exception {
        return endorsers.plugin(endorser, parameter).endorse(payload, SignedProposal.getDefaultInstance()).endorsement();
    }

    private void validate(byte[] parameter, ByteString payload, Endorsement... endorsements) throws Exception {
        validation.validate(Block.getDefaultInstance(), "anoncc", 0, 0,
                new SerializedPolicy(ByteString.copyFrom(parameter)),
                new EndorsedAction(payload, List.of(endorsements), TxReadWriteSet.getDefaultInstance()));
    }

    private void assertRejected(String reason, byte[] parameter, ByteString payload, Endorsement... endorsements) {
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class,
                () -> validate(parameter, payload, endorsements));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static Endorsement withSignature(Endorsement endorsement, byte[] signature) {
        return endorsement.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
    }

    @Nested
    class PlainMode {

        @Test
        void anEndorsementByAListedKeyIsAcceptedAndCarriesThePublicKeyNotAnIdentity() throws Exception {
            byte[] parameter = endorsers.parameter(Mode.PLAIN, 1);
            Endorsement endorsement = endorse(2, null, PAYLOAD);
            assertEquals(EndorserField.PLAIN, endorsement.getEndorser().byteAt(0));
            assertEquals(endorsers.keys.get(2), EndorserField.plainKey(endorsement.getEndorser().toByteArray()));
            assertDoesNotThrow(() -> validate(parameter, PAYLOAD, endorsement));
        }

        @Test
        void aTwoOfPolicyCountsDistinctKeys() throws Exception {
            byte[] parameter = endorsers.parameter(Mode.PLAIN, 2);
            Endorsement first = endorse(0, null, PAYLOAD);
            assertDoesNotThrow(() -> validate(parameter, PAYLOAD, first, endorse(3, null, PAYLOAD)));
            assertRejected("needs 2 distinct anonymous endorsers, the transaction has 1", parameter, PAYLOAD, first);
            assertRejected("repeats an endorser", parameter, PAYLOAD, first, endorse(0, null, PAYLOAD));
            assertRejected("lists 4 endorser keys, the transaction carries 5 endorsements", parameter, PAYLOAD,
                    first, first, first, first, first);
        }

        @Test
        void aKeyOutsideTheAllowListIsRejected() throws Exception {
            Endorsers others = new Endorsers(directory.resolve("x"), 1);
            assertRejected("not in the allow list", endorsers.parameter(Mode.PLAIN, 1), PAYLOAD,
                    endorse(0, null, PAYLOAD), // valid, then the outsider's
                    others.plugin(0, null).endorse(PAYLOAD, SignedProposal.getDefaultInstance()).endorsement());
        }

        @Test
        void forgedTamperedAndReplayedSignaturesAreRejected() throws Exception {
            byte[] parameter = endorsers.parameter(Mode.PLAIN, 1);
            Endorsement endorsement = endorse(1, null, PAYLOAD);
            byte[] flipped = endorsement.getSignature().toByteArray();
            flipped[flipped.length - 1] ^= 1;
            assertRejected("invalid signature", parameter, PAYLOAD, withSignature(endorsement, flipped));
            assertRejected("invalid signature", parameter, OTHER_PAYLOAD, endorsement); // replayed on another tx
            ByteString tampered = PAYLOAD.concat(ByteString.copyFromUtf8("!"));
            assertRejected("invalid signature", parameter, tampered, endorsement);
            // Another listed key's signature presented under this key.
            Endorsement someoneElse = endorse(2, null, PAYLOAD);
            assertRejected("invalid signature", parameter, PAYLOAD,
                    withSignature(endorsement, someoneElse.getSignature().toByteArray()));
        }
    }

    @Nested
    class RingMode {

        byte[] parameter;

        @BeforeEach
        void ring() {
            parameter = endorsers.parameter(Mode.RING, 2);
        }

        @Test
        void endorsementsByTwoMembersSatisfyATwoOfPolicyWithoutNamingThem() throws Exception {
            Endorsement a = endorse(0, parameter, PAYLOAD);
            Endorsement b = endorse(3, parameter, PAYLOAD);
            assertEquals(EndorserField.RING_LENGTH, a.getEndorser().size());
            assertEquals(a.getEndorser().substring(0, 33), b.getEndorser().substring(0, 33), "same tag and ring digest");
            for (byte[] key : endorsers.keys.stream().map(P256::compressed).toList()) {
                assertTrue(a.getEndorser().toString(java.nio.charset.StandardCharsets.ISO_8859_1)
                        .indexOf(new String(key, 1, 32, java.nio.charset.StandardCharsets.ISO_8859_1)) < 0,
                        "the endorser field does not contain a member's key");
            }
            assertDoesNotThrow(() -> validate(parameter, PAYLOAD, a, b));
            assertRejected("needs 2 distinct anonymous endorsers, the transaction has 1", parameter, PAYLOAD, a);
        }

        @Test
        void theSameMemberEndorsingTwiceIsCaughtByItsLinkTag() throws Exception {
            Endorsement first = endorse(1, parameter, PAYLOAD);
            Endorsement second = endorse(1, parameter, PAYLOAD);
            assertTrue(!first.getSignature().equals(second.getSignature()), "fresh randomness each time");
            assertEquals(first.getEndorser(), second.getEndorser());
            assertRejected("same link tag", parameter, PAYLOAD, first, second);
        }

        @Test
        void forgedTamperedAndReplayedRingSignaturesAreRejected() throws Exception {
            Endorsement a = endorse(0, parameter, PAYLOAD);
            Endorsement b = endorse(2, parameter, PAYLOAD);
            byte[] flipped = b.getSignature().toByteArray();
            flipped[40] ^= 1;
            assertRejected("invalid ring signature", parameter, PAYLOAD, a, withSignature(b, flipped));
            assertRejected("invalid ring signature", parameter, OTHER_PAYLOAD, a, b); // replayed on another tx
            assertRejected("invalid ring signature", parameter, PAYLOAD.concat(ByteString.copyFromUtf8("!")), a, b);
            // A replayed signature with a fresh link tag (to dodge the duplicate check) does not verify either.
            Endorsement retagged = a.toBuilder().setEndorser(endorse(3, parameter, PAYLOAD).getEndorser()).build();
            assertRejected("invalid ring signature", parameter, PAYLOAD, b, retagged);
        }

        @Test
        void aKeyOutsideTheRingCannotEndorse() throws Exception {
            Endorsers others = new Endorsers(directory.resolve("y"), 1);
            Endorsement member = endorse(0, parameter, PAYLOAD);
            // Its own ring (the members plus itself): names another ring.
            java.util.List<org.bouncycastle.math.ec.ECPoint> widened = new java.util.ArrayList<>(endorsers.keys);
            widened.add(others.keys.get(0));
            byte[] widenedParameter = weft.plugins.anon.crypto.AnonymousParameter.format(Mode.RING, 2, widened)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Endorsement outsider = others.plugin(0, widenedParameter).endorse(PAYLOAD,
                    SignedProposal.getDefaultInstance()).endorsement();
            assertRejected("not a ring endorsement over the keys", parameter, PAYLOAD, member, outsider);
            // Claiming the authorised ring's digest with a ring in which it replaced a member: does not verify.
            java.util.List<org.bouncycastle.math.ec.ECPoint> substituted = new java.util.ArrayList<>(endorsers.keys);
            substituted.set(0, others.keys.get(0));
            Ring fake = Ring.of(substituted);
            Ring real = Ring.of(endorsers.keys);
            byte[] payload = PAYLOAD.toByteArray();
            var base = Lsag.linkBase(real.digest(), payload);
            var image = Lsag.keyImage(others.secrets.get(0), base);
            byte[] endorser = EndorserField.ring(real.digest(), image);
            byte[] signature = Lsag.sign(fake, 0, others.secrets.get(0), base, image,
                    AnonymousEndorsement.concat(payload, endorser), new java.security.SecureRandom());
            Endorsement forged = Endorsement.newBuilder().setEndorser(ByteString.copyFrom(endorser))
                    .setSignature(ByteString.copyFrom(signature)).build();
            assertRejected("invalid ring signature", parameter, PAYLOAD, member, forged);
        }

        @Test
        void plainEndorsementsDoNotCountUnderARingParameterNorRingOnesUnderAPlainOne() throws Exception {
            Endorsement plain = endorse(0, null, PAYLOAD);
            Endorsement ring = endorse(1, parameter, PAYLOAD);
            assertRejected("not a ring endorsement", parameter, PAYLOAD, ring, plain);
            assertRejected("not a plain anonymous endorser", endorsers.parameter(Mode.PLAIN, 1), PAYLOAD, ring);
        }

        @Test
        void theBlockIsParsedWhenTheCommitterPassesNoParsedAction() throws Exception {
            Endorsement a = endorse(0, parameter, PAYLOAD);
            Endorsement b = endorse(1, parameter, PAYLOAD);
            Block block = block(PAYLOAD, a, b);
            SerializedPolicy policy = new SerializedPolicy(ByteString.copyFrom(parameter));
            assertDoesNotThrow(() -> validation.validate(block, "anoncc", 0, 0, policy));
            assertThrows(InvalidTransactionException.class,
                    () -> validation.validate(block(PAYLOAD, a, a), "anoncc", 0, 0, policy));
            assertThrows(InvalidTransactionException.class, () -> validation.validate(block, "anoncc", 1, 0, policy));
        }
    }

    @Test
    void aFabricPolicyAsParameterMakesTheTransactionInvalidWithAClearMessage() throws Exception {
        byte[] fabricPolicy = ApplicationPolicy.newBuilder()
                .setChannelConfigPolicyReference("/Channel/Application/Endorsement").build().toByteArray();
        assertRejected("is not an anonymous endorsement parameter", fabricPolicy, PAYLOAD, endorse(0, null, PAYLOAD));
    }

    @Test
    void withoutAParameterTheValidatorCannotDecide() {
        assertThrows(ExecutionFailureException.class, () -> validation.validate(Block.getDefaultInstance(), "anoncc",
                0, 0, new EndorsedAction(PAYLOAD, List.of(), TxReadWriteSet.getDefaultInstance())));
    }

    @Test
    void anEndorsementPluginWithoutItsKeyOrOutsideItsRingRefusesToStart() throws Exception {
        EndorsementPlugin missing = new AnonymousEndorsementFactory(
                new EndorserKeyFiles(directory.resolve("absent.pem"), java.util.Optional.empty())).newPlugin();
        PluginInitException e = assertThrows(PluginInitException.class, missing::init);
        assertTrue(e.getMessage().contains("absent.pem"), e.getMessage());

        Endorsers others = new Endorsers(directory.resolve("z"), 1);
        PluginInitException notMember = assertThrows(PluginInitException.class,
                () -> others.plugin(0, endorsers.parameter(Mode.RING, 1)));
        assertTrue(notMember.getMessage().contains("is not among the keys"), notMember.getMessage());
    }

    @Test
    void thePayloadIsReturnedUnchangedAndTheSameTagIsProducedForTheSamePayload() throws Exception {
        byte[] parameter = endorsers.parameter(Mode.RING, 1);
        EndorsementPlugin plugin = endorsers.plugin(2, parameter);
        var result = plugin.endorse(PAYLOAD, SignedProposal.getDefaultInstance());
        assertEquals(PAYLOAD, result.proposalResponsePayload());
        assertArrayEquals(result.endorsement().getEndorser().toByteArray(),
                plugin.endorse(PAYLOAD, SignedProposal.getDefaultInstance()).endorsement().getEndorser().toByteArray());
    }

    private static Block block(ByteString prp, Endorsement... endorsements) {
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(prp).addAllEndorsements(List.of(endorsements))).build();
        Transaction tx = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setPayload(cap.toByteString())).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE).setTxId("tx1").build().toByteString()))
                .setData(tx.toByteString()).build();
        return Block.newBuilder().setData(BlockData.newBuilder()
                .addData(Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString())).build();
    }
}
