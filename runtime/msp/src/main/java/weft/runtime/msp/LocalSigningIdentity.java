package weft.runtime.msp;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import weft.api.endorsement.SigningIdentity;
import weft.runtime.crypto.EcPrivateKey;

/** A local identity that can sign: the peer's (or a client's) certificate and private key from an MSP folder. */
public final class LocalSigningIdentity implements SigningIdentity {

    private final X509Msp msp;
    private final ByteString serialized;
    private final EcPrivateKey key;

    LocalSigningIdentity(X509Msp msp, ByteString pemCertificate, EcPrivateKey key) {
        this.msp = msp;
        this.serialized = SerializedIdentity.newBuilder().setMspid(msp.id()).setIdBytes(pemCertificate).build()
                .toByteString();
        this.key = key;
    }

    @Override
    public ByteString serialize() {
        return serialized;
    }

    @Override
    public ByteString sign(ByteString message) {
        return ByteString.copyFrom(key.sign(message.toByteArray(), msp.signatureHash()));
    }

    public String mspId() {
        return msp.id();
    }
}
