package weft.plugins.escc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.EndorsementPlugin;
import weft.api.endorsement.EndorsementResult;
import weft.api.endorsement.SigningIdentity;
import weft.api.endorsement.SigningIdentityFetcher;
import weft.api.plugin.Dependency;
import weft.api.plugin.PluginInitException;

class DefaultEndorsementTest {

    private static final ByteString PAYLOAD = ByteString.copyFromUtf8("proposal response payload");

    @Test
    void signsThePayloadFollowedByTheEndorserAndReturnsThePayloadUnchanged() throws Exception {
        KeyPair keys = p256();
        ByteString endorser = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----")).build().toByteString();
        EndorsementPlugin plugin = new DefaultEndorsementFactory().newPlugin();
        plugin.init(unrelatedDependency(), fetcherFor(keys, endorser));

        EndorsementResult result = plugin.endorse(PAYLOAD, SignedProposal.getDefaultInstance());

        assertEquals(endorser, result.endorsement().getEndorser());
        assertEquals(PAYLOAD, result.proposalResponsePayload());
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(PAYLOAD.concat(endorser).toByteArray());
        assertTrue(verifier.verify(result.endorsement().getSignature().toByteArray()),
                "the signature covers payload || endorser");
    }

    @Test
    void refusesToInitialiseWithoutASigningIdentityFetcher() {
        EndorsementPlugin plugin = new DefaultEndorsementFactory().newPlugin();
        PluginInitException e = assertThrows(PluginInitException.class, () -> plugin.init(unrelatedDependency()));
        assertTrue(e.getMessage().contains("SigningIdentityFetcher"), e.getMessage());
    }

    @Test
    void refusesToEndorseBeforeInit() {
        EndorsementPlugin plugin = new DefaultEndorsementFactory().newPlugin();
        assertThrows(EndorsementException.class, () -> plugin.endorse(PAYLOAD, SignedProposal.getDefaultInstance()));
    }

    @Test
    void passesOnTheFetchersRefusal() throws Exception {
        EndorsementPlugin plugin = new DefaultEndorsementFactory().newPlugin();
        plugin.init((SigningIdentityFetcher) proposal -> {
            throw new EndorsementException("signing key is locked");
        });
        EndorsementException e = assertThrows(EndorsementException.class,
                () -> plugin.endorse(PAYLOAD, SignedProposal.getDefaultInstance()));
        assertEquals("signing key is locked", e.getMessage());
    }

    private static Dependency unrelatedDependency() {
        return new Dependency() {
        };
    }

    private static SigningIdentityFetcher fetcherFor(KeyPair keys, ByteString serialized) {
        SigningIdentity identity = new SigningIdentity() {
            @Override
            public ByteString serialize() {
                return serialized;
            }

            @Override
            public ByteString sign(ByteString message) throws EndorsementException {
                try {
                    Signature signer = Signature.getInstance("SHA256withECDSA");
                    signer.initSign(keys.getPrivate());
                    signer.update(message.toByteArray());
                    return ByteString.copyFrom(signer.sign());
                } catch (java.security.GeneralSecurityException e) {
                    throw new EndorsementException("signing failed", e);
                }
            }
        };
        return proposal -> identity;
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
