package weft.api.validation;

import com.google.protobuf.ByteString;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import weft.api.identity.SignedData;
import weft.api.plugin.Dependency;

/** Evaluates endorsement policies with the channel's MSPs and configuration; passed to {@code init}. */
@ProviderType
public interface PolicyEvaluator extends Dependency {

    /**
     * Checks that {@code signatureSet} satisfies the policy.
     *
     * @param policyBytes  a marshalled {@code ApplicationPolicy}, as in a {@link SerializedPolicy}
     * @param signatureSet the signatures to count; invalid or duplicate signers are ignored, as Fabric does
     * @throws PolicyNotSatisfiedException when the policy is not satisfied, is malformed or references a
     *                                     channel policy that does not exist
     */
    void evaluate(ByteString policyBytes, List<SignedData> signatureSet) throws PolicyNotSatisfiedException;
}
