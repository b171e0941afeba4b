package weft.runtime.operations.admin;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.SecureRandom;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import weft.runtime.msp.LocalSigningIdentity;

/** Builds the signed envelope of an admin request, as {@link AdminRequestVerifier} expects it. */
public final class AdminEnvelopes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminEnvelopes() {
    }

    /** {@code command} signed by {@code admin}, stamped {@code now}, with a fresh nonce. */
    public static Envelope sign(LocalSigningIdentity admin, PluginCommand command, Instant now) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        ByteString creator = admin.serialize();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(AdminRequestVerifier.PEER_ADMIN_OPERATION)
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setTxId(AdminRequestVerifier.txId(ByteString.copyFrom(nonce), creator))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(creator)
                .setNonce(ByteString.copyFrom(nonce)).build();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(ByteString.copyFrom(command.toBytes()))
                .build().toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(admin.sign(payload)).build();
    }
}
