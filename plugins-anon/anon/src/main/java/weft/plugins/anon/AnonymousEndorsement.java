package weft.plugins.anon;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.endorsement.EndorsementResult;
import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;
import weft.plugins.anon.crypto.AnonymousParameter;
import weft.plugins.anon.crypto.Ecdsa;
import weft.plugins.anon.crypto.EndorserField;
import weft.plugins.anon.crypto.Keys;
import weft.plugins.anon.crypto.Lsag;
import weft.plugins.anon.crypto.P256;

/**
 * Endorses with the plugin's own P-256 key instead of the peer's identity. In plain mode the endorser field is
 * the public key and the signature ECDSA over (payload ‖ endorser), as Fabric signs; in ring mode the endorser
 * field is the ring digest and a link tag, and the signature a linkable ring signature over (payload ‖ endorser)
 * that hides which ring member signed. The payload is returned unchanged. The peer's signing identity is not used.
 */
final class AnonymousEndorsement implements EndorsementPlugin {

    private final EndorserKeyFiles files;
    private final SecureRandom random = new SecureRandom();
    // Written once by init before the peer publishes the instance to endorsing threads.
    private volatile Signer signer;

    AnonymousEndorsement(EndorserKeyFiles files) {
        this.files = files;
    }

    @Override
    public void init(Dependency... dependencies) throws PluginInitException {
        BigInteger d;
        try {
            d = Keys.decodePrivateKeyPem(Files.readString(files.keyFile(), StandardCharsets.US_ASCII),
                    "the anonymous endorsement key " + files.keyFile());
        } catch (IOException e) {
            throw new PluginInitException("AnonymousEndorsement cannot read its key " + files.keyFile() + " (set "
                    + EndorserKeyFiles.KEY_FILE + "): " + e, e);
        } catch (IllegalArgumentException e) {
            throw new PluginInitException(e.getMessage(), e);
        }
        ECPoint publicKey = P256.multiplyG(d);
        if (files.parameterFile().isEmpty()) {
            signer = new PlainSigner(d, publicKey);
            return;
        }
        AnonymousParameter parameter;
        try {
            parameter = AnonymousParameter.parse(Files.readAllBytes(files.parameterFile().get()));
        } catch (IOException e) {
            throw new PluginInitException("AnonymousEndorsement cannot read its parameter "
                    + files.parameterFile().get() + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new PluginInitException(files.parameterFile().get() + ": " + e.getMessage(), e);
        }
        int index = parameter.indexOf(publicKey);
        if (index < 0) {
            throw new PluginInitException("the key " + files.keyFile() + " is not among the keys of "
                    + files.parameterFile().get() + ": its endorsements would be rejected");
        }
        signer = parameter.mode() == AnonymousParameter.Mode.PLAIN
                ? new PlainSigner(d, publicKey)
                : new RingSigner(parameter, index, d, random);
    }

    @Override
    public EndorsementResult endorse(ByteString proposalResponsePayload, SignedProposal proposal)
            throws EndorsementException {
        Signer current = signer;
        if (current == null) {
            throw new EndorsementException("AnonymousEndorsement was not initialised");
        }
        return new EndorsementResult(current.endorse(proposalResponsePayload.toByteArray()), proposalResponsePayload);
    }

    /** Makes the endorsement of a payload. */
    private interface Signer {
        Endorsement endorse(byte[] payload);
    }

    private record PlainSigner(BigInteger d, ECPoint publicKey) implements Signer {
        @Override
        public Endorsement endorse(byte[] payload) {
            byte[] endorser = EndorserField.plain(publicKey);
            byte[] signature = Ecdsa.sign(d, concat(payload, endorser));
            return Endorsement.newBuilder().setEndorser(ByteString.copyFrom(endorser))
                    .setSignature(ByteString.copyFrom(signature)).build();
        }
    }

    private record RingSigner(AnonymousParameter parameter, int index, BigInteger x, SecureRandom random)
            implements Signer {
        @Override
        public Endorsement endorse(byte[] payload) {
            byte[] ringDigest = parameter.ring().digest();
            ECPoint base = Lsag.linkBase(ringDigest, payload);
            ECPoint image = Lsag.keyImage(x, base);
            byte[] endorser = EndorserField.ring(ringDigest, image);
            byte[] signature = Lsag.sign(parameter.ring(), index, x, base, image, concat(payload, endorser), random);
            return Endorsement.newBuilder().setEndorser(ByteString.copyFrom(endorser))
                    .setSignature(ByteString.copyFrom(signature)).build();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
