package weft.runtime.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import weft.api.identity.SignedData;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.policy.PolicyException;

/**
 * The checks an envelope passes before ordering, as Fabric's broadcast service applies its standard channel
 * filters: it is not empty and its headers parse ({@code BAD_REQUEST}); its size (payload and signature) is at
 * most the channel's {@code AbsoluteMaxBytes} ({@code BAD_REQUEST}, as Fabric's size filter); it is an
 * endorser transaction ({@code BAD_REQUEST}: config updates are not ordered by this node yet); its creator's
 * signature over the payload satisfies {@code /Channel/Writers} ({@code FORBIDDEN}), which also covers a creator
 * outside the channel's MSPs or a signature that does not verify.
 */
final class BroadcastFilter {

    static final String CHANNEL_WRITERS = "/Channel/Writers";

    private BroadcastFilter() {
    }

    /** The parts of an envelope that passed the header checks. */
    record Parsed(Envelope envelope, ChannelHeader channelHeader, SignatureHeader signatureHeader) {
        String channelId() {
            return channelHeader.getChannelId();
        }
    }

    /** Parses the envelope far enough to know its channel. */
    static Parsed parse(Envelope envelope) throws BroadcastException {
        if (envelope.getPayload().isEmpty()) {
            throw new BroadcastException(Status.BAD_REQUEST, "the envelope has no payload");
        }
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            if (!payload.hasHeader()) {
                throw new BroadcastException(Status.BAD_REQUEST, "the envelope's payload has no header");
            }
            ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            if (channelHeader.getChannelId().isEmpty()) {
                throw new BroadcastException(Status.BAD_REQUEST, "the envelope's channel header names no channel");
            }
            return new Parsed(envelope, channelHeader, signatureHeader);
        } catch (InvalidProtocolBufferException e) {
            throw new BroadcastException(Status.BAD_REQUEST, "the envelope's payload or headers do not parse: "
                    + e.getMessage(), e);
        }
    }

    /** Applies the channel's filters to a parsed envelope. */
    static void check(Parsed parsed, ChannelConfig config, int absoluteMaxBytes) throws BroadcastException {
        Envelope envelope = parsed.envelope();
        long size = (long) envelope.getPayload().size() + envelope.getSignature().size();
        if (size > absoluteMaxBytes) {
            throw new BroadcastException(Status.BAD_REQUEST, "the envelope is " + size + " bytes, more than the "
                    + "channel's AbsoluteMaxBytes of " + absoluteMaxBytes + " bytes");
        }
        int type = parsed.channelHeader().getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            throw new BroadcastException(Status.BAD_REQUEST, "header type " + headerTypeName(type) + " is not "
                    + "ordered by this node; only ENDORSER_TRANSACTION envelopes are (config updates come later)");
        }
        ByteString creator = parsed.signatureHeader().getCreator();
        if (creator.isEmpty()) {
            throw new BroadcastException(Status.BAD_REQUEST, "the envelope's signature header has no creator");
        }
        try {
            config.policies().evaluate(CHANNEL_WRITERS, List.of(new SignedData(envelope.getPayload(), creator,
                    envelope.getSignature())));
        } catch (PolicyException e) {
            throw new BroadcastException(Status.FORBIDDEN, "the envelope's creator may not write to channel "
                    + parsed.channelId() + " (its signature must verify and satisfy " + CHANNEL_WRITERS + "): "
                    + e.getMessage(), e);
        }
    }

    private static String headerTypeName(int type) {
        HeaderType known = HeaderType.forNumber(type);
        return known == null ? String.valueOf(type) : known.name();
    }
}
