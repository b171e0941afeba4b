package weft.runtime.operations.admin;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import weft.api.identity.IdentityException;
import weft.runtime.msp.MspIdentity;
import weft.runtime.msp.X509Msp;

/**
 * Decides whether a {@code POST /admin/plugins} body is an authentic request of an admin of the peer's own MSP:
 * a Fabric {@code common.Envelope} whose payload has a {@code PEER_ADMIN_OPERATION} channel header stamped within
 * {@link #WINDOW} of the peer's clock, a transaction id derived from nonce and creator (Fabric's rule) and not seen
 * before, a creator of the peer's local MSP that the MSP validates and that holds the admin role (NodeOU
 * {@code admin} or {@code admincerts}), and the creator's signature over the payload.
 */
public final class AdminRequestVerifier {

    /** How far a request's timestamp may be from the peer's clock, either way (Fabric's 15 minutes). */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Fabric's {@code common.HeaderType.PEER_ADMIN_OPERATION} (the Java protos of Fabric v2 no longer name it). */
    public static final int PEER_ADMIN_OPERATION = 8;

    /** The peer's local MSP, loaded when first needed (the development network creates it after the endpoint starts). */
    @FunctionalInterface
    public interface LocalMsp {
        /** @throws AdminRefusal (503) when the MSP cannot be loaded */
        X509Msp get() throws AdminRefusal;
    }

    /**
     * An accepted request.
     *
     * @param txId    its transaction id
     * @param admin   who sent it, for the log ({@code Admin@org1.example.com of Org1MSP})
     * @param command what to do
     */
    public record Verified(String txId, String admin, PluginCommand command) {
    }

    private final LocalMsp localMsp;
    private final Clock clock;
    private final ReplayGuard replays = new ReplayGuard(WINDOW);

    public AdminRequestVerifier(LocalMsp localMsp, Clock clock) {
        this.localMsp = Objects.requireNonNull(localMsp, "localMsp");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies {@code body} and reads its command; a refused request leaves no trace (its tx id is remembered
     * only once everything else holds).
     *
     * @throws AdminRefusal naming the first check that failed
     */
    public Verified verify(byte[] body) throws AdminRefusal {
        Envelope envelope;
        Payload payload;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            envelope = Envelope.parseFrom(body);
            if (envelope.getPayload().isEmpty()) {
                throw new AdminRefusal(400, "malformed request: not a signed envelope (Envelope.payload is empty)");
            }
            payload = Payload.parseFrom(envelope.getPayload());
            Header header = payload.getHeader();
            channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new AdminRefusal(400, "malformed request: not a common.Envelope with a Payload and its headers: "
                    + e.getMessage(), e);
        }
        if (channelHeader.getType() != PEER_ADMIN_OPERATION) {
            throw new AdminRefusal(400, "malformed request: the channel header's type is " + channelHeader.getType()
                    + ", not PEER_ADMIN_OPERATION (" + PEER_ADMIN_OPERATION + ")");
        }
        if (signatureHeader.getNonce().isEmpty() || signatureHeader.getCreator().isEmpty()) {
            throw new AdminRefusal(400, "malformed request: the signature header needs a nonce and a creator");
        }
        String txId = channelHeader.getTxId();
        if (!txId.equals(txId(signatureHeader.getNonce(), signatureHeader.getCreator()))) {
            throw new AdminRefusal(400, "malformed request: tx id '" + txId + "' is not SHA-256(nonce || creator) "
                    + "in hex");
        }
        Instant now = clock.instant();
        checkTimestamp(channelHeader, now);

        X509Msp msp = localMsp.get();
        SerializedIdentity creator;
        try {
            creator = SerializedIdentity.parseFrom(signatureHeader.getCreator());
        } catch (InvalidProtocolBufferException e) {
            throw new AdminRefusal(400, "malformed request: the creator is not a serialized identity", e);
        }
        if (!creator.getMspid().equals(msp.id())) {
            throw new AdminRefusal(403, "the request is signed by an identity of MSP '" + creator.getMspid()
                    + "'; only admins of this peer's MSP " + msp.id() + " may manage its plugins");
        }
        MspIdentity identity;
        try {
            identity = msp.deserialize(creator.getIdBytes());
            identity.validate();
            identity.checkValidityPeriod(now);
        } catch (IdentityException e) {
            throw new AdminRefusal(401, "the creator is not a valid identity of MSP " + msp.id() + ": "
                    + e.getMessage(), e);
        }
        try {
            identity.verify(envelope.getPayload(), envelope.getSignature());
        } catch (IdentityException e) {
            throw new AdminRefusal(401, "the signature does not verify: the request was not signed by "
                    + identity.displayName() + " of " + msp.id() + " or was changed after signing", e);
        }
        try {
            identity.satisfiesPrincipal(adminOf(msp.id()));
        } catch (IdentityException e) {
            throw new AdminRefusal(403, identity.displayName() + " is a member of " + msp.id()
                    + " but not an admin (NodeOU 'admin' or admincerts); only admins may manage the peer's plugins", e);
        }
        PluginCommand command = PluginCommand.parse(payload.getData().toByteArray());
        if (!replays.firstUse(txId, now)) {
            throw new AdminRefusal(401, "replayed request: tx id " + txId + " was already used");
        }
        return new Verified(txId, identity.displayName() + " of " + msp.id(), command);
    }

    private static void checkTimestamp(ChannelHeader header, Instant now) throws AdminRefusal {
        if (!header.hasTimestamp()) {
            throw new AdminRefusal(400, "malformed request: the channel header has no timestamp");
        }
        Instant stamped = Instant.ofEpochSecond(header.getTimestamp().getSeconds(), header.getTimestamp().getNanos());
        Duration off = Duration.between(stamped, now).abs();
        if (off.compareTo(WINDOW) > 0) {
            throw new AdminRefusal(401, "expired request: its timestamp " + stamped + " is " + off.toMinutes()
                    + " minutes from the peer's time " + now + " (at most " + WINDOW.toMinutes()
                    + " are accepted; check the clocks)");
        }
    }

    static MSPPrincipal adminOf(String mspId) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).setRole(MSPRole.MSPRoleType.ADMIN)
                        .build().toByteString())
                .build();
    }

    /** Fabric's transaction id: SHA-256 over nonce and creator, in lower-case hex. */
    public static String txId(ByteString nonce, ByteString creator) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(nonce.toByteArray());
            sha256.update(creator.toByteArray());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
