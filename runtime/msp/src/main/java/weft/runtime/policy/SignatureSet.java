package weft.runtime.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import weft.api.identity.Identity;
import weft.api.identity.IdentityDeserializer;
import weft.api.identity.IdentityException;
import weft.api.identity.IdentityIdentifier;
import weft.api.identity.SignedData;

/**
 * Turns signatures into the signers a policy may count, exactly as Fabric does: signers that cannot be
 * deserialized or whose signature does not verify are skipped, and a signer counts once — a repeat of an
 * already accepted signer is skipped without verifying, while a repeat of one whose signature failed still gets
 * its chance.
 */
public final class SignatureSet {

    private SignatureSet() {
    }

    public static List<Identity> validSigners(List<SignedData> signatures, IdentityDeserializer deserializer) {
        List<Identity> signers = new ArrayList<>(signatures.size());
        Set<IdentityIdentifier> accepted = new HashSet<>();
        for (SignedData signed : signatures) {
            Identity identity;
            try {
                identity = deserializer.deserializeIdentity(signed.identity());
            } catch (IdentityException e) {
                continue;
            }
            if (accepted.contains(identity.identifier())) {
                continue;
            }
            try {
                identity.verify(signed.data(), signed.signature());
            } catch (IdentityException e) {
                continue;
            }
            accepted.add(identity.identifier());
            signers.add(identity);
        }
        return signers;
    }
}
