package weft.runtime.operations.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.crypto.Curve;
import weft.runtime.cryptogen.CryptoMaterialGenerator;
import weft.runtime.cryptogen.CryptoSpec;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspFolder;

/**
 * Admin requests against the MSP folders the crypto generator writes (NodeOUs, as the development network): the
 * peer's MSP is Org1's peer folder; Org1's admin may manage plugins, its user and Org2's admin may not.
 */
class AdminRequestVerifierTest {

    /** The peer's clock, fixed (the certificates are issued just before). */
    private static final Instant NOW = Instant.now().plusSeconds(5);

    @TempDir
    static Path crypto;

    private static LocalMspFolder peerMsp;
    private static LocalSigningIdentity admin;
    private static LocalSigningIdentity user;
    private static LocalSigningIdentity otherOrgAdmin;

    private final AdminRequestVerifier verifier = new AdminRequestVerifier(peerMsp,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void generate() throws Exception {
        new CryptoMaterialGenerator(new SecureRandom()).generate(crypto,
                new CryptoSpec(2, 1, 1, 1, false, Curve.P256, Duration.ofDays(3650)));
        peerMsp = new LocalMspFolder(org(1).resolve("peers/peer0.org1.example.com/msp"), "Org1MSP");
        admin = identity(org(1).resolve("users/Admin@org1.example.com/msp"), "Org1MSP");
        user = identity(org(1).resolve("users/User1@org1.example.com/msp"), "Org1MSP");
        otherOrgAdmin = identity(org(2).resolve("users/Admin@org2.example.com/msp"), "Org2MSP");
    }

    private static Path org(int n) {
        return crypto.resolve("peerOrganizations/org" + n + ".example.com");
    }

    private static LocalSigningIdentity identity(Path folder, String mspId) throws Exception {
        return MspFolder.signingIdentity(folder, MspFolder.load(folder, mspId));
    }

    private static final PluginCommand INSTALL = new PluginCommand(PluginCommand.Operation.INSTALL, "acme-vscc.jar",
            "jar bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void anAdminOfThePeersMspIsAcceptedWithItsCommand() throws Exception {
        AdminRequestVerifier.Verified verified = verifier.verify(
                AdminEnvelopes.sign(admin, INSTALL, NOW).toByteArray());

        assertEquals(INSTALL, verified.command());
        assertArrayEquals(INSTALL.jar(), verified.command().jar());
        assertEquals("Admin@org1.example.com of Org1MSP", verified.admin());
    }

    @Test
    void aMemberOfThePeersMspWhoIsNotAnAdminIsForbidden() {
        AdminRefusal refusal = refused(AdminEnvelopes.sign(user, INSTALL, NOW));

        assertEquals(403, refusal.status());
        assertTrue(refusal.getMessage().contains("User1@org1.example.com is a member of Org1MSP but not an admin"),
                refusal.getMessage());
    }

    @Test
    void anAdminOfAnotherMspIsForbidden() {
        AdminRefusal refusal = refused(AdminEnvelopes.sign(otherOrgAdmin, INSTALL, NOW));

        assertEquals(403, refusal.status());
        assertTrue(refusal.getMessage().contains("identity of MSP 'Org2MSP'; only admins of this peer's MSP Org1MSP"),
                refusal.getMessage());
    }

    @Test
    void anotherOrganisationsCertificateClaimingThePeersMspIsNotAuthenticated() throws Exception {
        // Org2's admin certificate (OU admin) presented as an Org1MSP identity: Org1's CA did not issue it.
        LocalSigningIdentity impostor = identity(org(2).resolve("users/Admin@org2.example.com/msp"), "Org1MSP");

        AdminRefusal refusal = refused(AdminEnvelopes.sign(impostor, INSTALL, NOW));

        assertEquals(401, refusal.status());
        assertTrue(refusal.getMessage().contains("not a valid identity of MSP Org1MSP"), refusal.getMessage());
    }

    @Test
    void aPayloadChangedAfterSigningIsNotAuthenticated() throws Exception {
        Envelope signed = AdminEnvelopes.sign(admin, PluginCommand.list(), NOW);
        Payload payload = Payload.parseFrom(signed.getPayload()).toBuilder()
                .setData(ByteString.copyFrom(INSTALL.toBytes())).build();
        Envelope tampered = signed.toBuilder().setPayload(payload.toByteString()).build();

        AdminRefusal refusal = refused(tampered);

        assertEquals(401, refusal.status());
        assertTrue(refusal.getMessage().startsWith("the signature does not verify"), refusal.getMessage());
    }

    @Test
    void aSignatureByAnotherKeyThanTheCreatorsIsNotAuthenticated() {
        Envelope signed = AdminEnvelopes.sign(admin, INSTALL, NOW);
        Envelope signedByUser = signed.toBuilder().setSignature(user.sign(signed.getPayload())).build();

        assertEquals(401, refused(signedByUser).status());
    }

    @Test
    void aRequestStampedMoreThanFifteenMinutesAwayIsExpiredEitherWay() throws Exception {
        AdminRefusal old = refused(AdminEnvelopes.sign(admin, INSTALL, NOW.minus(Duration.ofMinutes(16))));
        AdminRefusal ahead = refused(AdminEnvelopes.sign(admin, INSTALL, NOW.plus(Duration.ofMinutes(16))));

        assertEquals(401, old.status());
        assertTrue(old.getMessage().startsWith("expired request: its timestamp " + NOW.minus(Duration.ofMinutes(16))
                + " is 16 minutes from the peer's time " + NOW + " (at most 15 are accepted"), old.getMessage());
        assertEquals(401, ahead.status());
        verifier.verify(AdminEnvelopes.sign(admin, INSTALL, NOW.minus(Duration.ofMinutes(14))).toByteArray());
    }

    @Test
    void aReplayedRequestIsRefusedAndOnlyTheFirstIsAccepted() throws Exception {
        byte[] request = AdminEnvelopes.sign(admin, INSTALL, NOW).toByteArray();
        verifier.verify(request);

        AdminRefusal refusal = assertThrows(AdminRefusal.class, () -> verifier.verify(request));

        assertEquals(401, refusal.status());
        assertTrue(refusal.getMessage().startsWith("replayed request: tx id "), refusal.getMessage());
        // another request of the same admin is a new transaction
        verifier.verify(AdminEnvelopes.sign(admin, INSTALL, NOW).toByteArray());
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsTransactionId() throws Exception {
        Envelope signed = AdminEnvelopes.sign(admin, INSTALL, NOW);
        Envelope unsigned = signed.toBuilder().setSignature(ByteString.EMPTY).build();
        assertEquals(401, refused(unsigned).status());

        verifier.verify(signed.toByteArray());
    }

    @Test
    void bytesThatAreNoEnvelopeAreMalformed() {
        AdminRefusal refusal = assertThrows(AdminRefusal.class,
                () -> verifier.verify("{\"command\":\"list\"}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(400, refusal.status());
        assertTrue(refusal.getMessage().startsWith("malformed request"), refusal.getMessage());
        assertEquals(400, assertThrows(AdminRefusal.class, () -> verifier.verify(new byte[0])).status());
    }

    @Test
    void anotherHeaderTypeOrATransactionIdNotDerivedFromNonceAndCreatorIsMalformed() throws Exception {
        Envelope endorserTransaction = resign(AdminEnvelopes.sign(admin, INSTALL, NOW), header -> header.setType(3));
        Envelope ownTxId = resign(AdminEnvelopes.sign(admin, INSTALL, NOW), header -> header.setTxId("tx1"));

        AdminRefusal type = refused(endorserTransaction);
        AdminRefusal txId = refused(ownTxId);

        assertEquals(400, type.status());
        assertTrue(type.getMessage().contains("type is 3, not PEER_ADMIN_OPERATION (8)"), type.getMessage());
        assertEquals(400, txId.status());
        assertTrue(txId.getMessage().contains("tx id 'tx1' is not SHA-256(nonce || creator)"), txId.getMessage());
    }

    @Test
    void aSignedCommandThatIsNotAPluginCommandIsMalformed() throws Exception {
        Envelope signed = AdminEnvelopes.sign(admin, PluginCommand.list(), NOW);
        Payload payload = Payload.parseFrom(signed.getPayload()).toBuilder()
                .setData(ByteString.copyFromUtf8("{\"command\":\"install\",\"file\":\"../../bundles/x.jar\",\"jar\":\"AA==\"}"))
                .build();
        Envelope pathEscape = Envelope.newBuilder().setPayload(payload.toByteString())
                .setSignature(admin.sign(payload.toByteString())).build();

        AdminRefusal refusal = refused(pathEscape);

        assertEquals(400, refusal.status());
        assertTrue(refusal.getMessage().contains("'../../bundles/x.jar' is not a plugin file name"), refusal.getMessage());
    }

    @Test
    void theCreatorIsTheSerializedIdentityOfTheAdmin() throws Exception {
        Envelope signed = AdminEnvelopes.sign(admin, INSTALL, NOW);
        SignatureHeader header = SignatureHeader.parseFrom(Payload.parseFrom(signed.getPayload()).getHeader()
                .getSignatureHeader());

        assertEquals("Org1MSP", SerializedIdentity.parseFrom(header.getCreator()).getMspid());
        assertEquals(admin.serialize(), header.getCreator());
    }

    private AdminRefusal refused(Envelope envelope) {
        return assertThrows(AdminRefusal.class, () -> verifier.verify(envelope.toByteArray()));
    }

    /** {@code envelope} with its channel header changed and signed again by the admin. */
    private static Envelope resign(Envelope envelope, java.util.function.UnaryOperator<ChannelHeader.Builder> change)
            throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(envelope.getPayload());
        ChannelHeader header = change.apply(ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).toBuilder())
                .build();
        Payload changed = payload.toBuilder().setHeader(Header.newBuilder(payload.getHeader())
                .setChannelHeader(header.toByteString())).build();
        return Envelope.newBuilder().setPayload(changed.toByteString()).setSignature(admin.sign(changed.toByteString()))
                .build();
    }
}
