package weft.runtime.ordering.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.OrderingException;
import weft.runtime.crypto.Curve;
import weft.runtime.crypto.HashFunction;
import weft.runtime.cryptogen.CertificateAuthority;
import weft.runtime.cryptogen.IssuedCertificate;
import weft.runtime.ledger.block.OrdererBlocks;
import weft.runtime.ordering.FileChainSupport;

/**
 * Test material for ordering: an orderer organisation with real certificates, a client that signs envelopes,
 * a genesis block, and orderer block stores in temporary directories. Shared with the consenter bundles' tests.
 */
public final class OrderingFixture {

    public static final String CHANNEL = "orderingchannel";

    private final SecureRandom random = new SecureRandom();
    private final CertificateAuthority ca = CertificateAuthority.root("ca.orderer", "OrdererMSP", Curve.P256, random);
    private final IssuedCertificate client = issue("user1.orderer", "client");
    private final Block genesis;

    public OrderingFixture() {
        genesis = OrdererBlocks.unsigned(0, ByteString.EMPTY, List.of(envelope(HeaderType.CONFIG, "genesis config")));
    }

    public Block genesis() {
        return genesis;
    }

    /** A signer for an orderer node named {@code name}. */
    public OrdererBlocks.Signer ordererSigner(String name) {
        IssuedCertificate node = issue(name, "orderer");
        ByteString identity = serialize(node);
        return new OrdererBlocks.Signer() {
            @Override
            public ByteString identity() {
                return identity;
            }

            @Override
            public byte[] sign(byte[] message) {
                return node.key().sign(message, HashFunction.SHA256);
            }
        };
    }

    /** A block store for one node in {@code directory}. */
    public FileChainSupport chainSupport(Path directory, String node, BatchConfig batch) throws OrderingException {
        return FileChainSupport.open(directory, CHANNEL, batch, ordererSigner(node), genesis);
    }

    /** A signed endorser-transaction envelope whose payload data is {@code tag} (to recognise it in blocks). */
    public ByteString transaction(String tag) {
        return envelope(HeaderType.ENDORSER_TRANSACTION, tag);
    }

    /** A signed envelope of at least {@code size} payload bytes. */
    public ByteString transaction(String tag, int size) {
        StringBuilder padded = new StringBuilder(tag).append('|');
        while (padded.length() < size) {
            padded.append('.');
        }
        return envelope(HeaderType.ENDORSER_TRANSACTION, padded.toString());
    }

    /** A signed config envelope. */
    public ByteString config(String tag) {
        return envelope(HeaderType.CONFIG, tag);
    }

    /** The tag a {@link #transaction} envelope carries. */
    public static String tagOf(ByteString envelope) {
        try {
            String data = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload()).getData().toStringUtf8();
            int bar = data.indexOf('|');
            return bar < 0 ? data : data.substring(0, bar);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ByteString envelope(HeaderType type, String data) {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        ByteString channelHeader = ChannelHeader.newBuilder().setType(type.getNumber()).setChannelId(CHANNEL)
                .setTimestamp(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond())).build().toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(serialize(client))
                .setNonce(ByteString.copyFrom(nonce)).build().toByteString();
        ByteString payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(channelHeader)
                .setSignatureHeader(signatureHeader)).setData(ByteString.copyFromUtf8(data)).build().toByteString();
        return Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(client.key().sign(payload.toByteArray(), HashFunction.SHA256)))
                .build().toByteString();
    }

    private IssuedCertificate issue(String name, String ou) {
        return ca.issue(name, ou, Instant.now().minusSeconds(60), Duration.ofDays(30));
    }

    private static ByteString serialize(IssuedCertificate certificate) {
        return SerializedIdentity.newBuilder().setMspid("OrdererMSP")
                .setIdBytes(ByteString.copyFromUtf8(certificate.certificatePem())).build().toByteString();
    }
}
