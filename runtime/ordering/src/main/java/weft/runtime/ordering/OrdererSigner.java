package weft.runtime.ordering;

import com.google.protobuf.ByteString;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.SigningIdentity;
import weft.runtime.ledger.block.OrdererBlocks;

/** The orderer block signer of a local signing identity (the node's MSP certificate and key). */
public final class OrdererSigner implements OrdererBlocks.Signer {

    private final SigningIdentity identity;

    public OrdererSigner(SigningIdentity identity) {
        this.identity = identity;
    }

    @Override
    public ByteString identity() {
        return identity.serialize();
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            return identity.sign(ByteString.copyFrom(message)).toByteArray();
        } catch (EndorsementException e) {
            throw new IllegalStateException("the orderer's signing key cannot sign: " + e.getMessage(), e);
        }
    }
}
