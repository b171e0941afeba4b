package weft.runtime.policy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import weft.api.identity.SignedData;
import weft.runtime.crypto.HashFunction;
import weft.runtime.cryptogen.IssuedCertificate;
import weft.runtime.msp.TestOrg;

/** Builders for signatures and hand-written policies in tests. */
final class Signers {

    static final ByteString DATA = ByteString.copyFromUtf8("proposal response payload");

    private Signers() {
    }

    static SignedData sign(TestOrg org, IssuedCertificate certificate) {
        ByteString identity = org.serialize(certificate);
        return new SignedData(DATA, identity,
                ByteString.copyFrom(certificate.key().sign(DATA.toByteArray(), HashFunction.SHA256)));
    }

    static SignedData badSignature(TestOrg org, IssuedCertificate certificate) {
        ByteString identity = org.serialize(certificate);
        return new SignedData(DATA, identity, ByteString.copyFrom(
                certificate.key().sign("something else".getBytes(), HashFunction.SHA256)));
    }

    static MSPPrincipal role(String mspId, MSPRole.MSPRoleType role) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).setRole(role).build().toByteString())
                .build();
    }

    static SignaturePolicy signedBy(int index) {
        return SignaturePolicy.newBuilder().setSignedBy(index).build();
    }

    static SignaturePolicy outOf(int n, SignaturePolicy... rules) {
        return SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n)
                .addAllRules(List.of(rules))).build();
    }

    static SignaturePolicyEnvelope envelope(SignaturePolicy rule, MSPPrincipal... principals) {
        return SignaturePolicyEnvelope.newBuilder().setRule(rule).addAllIdentities(List.of(principals))
                .build();
    }
}
