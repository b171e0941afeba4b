package weft.runtime.committer.dependencies;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.function.Supplier;
import weft.api.identity.SignedData;
import weft.api.validation.PolicyEvaluator;
import weft.api.validation.PolicyNotSatisfiedException;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.policy.ApplicationPolicyEvaluator;

/**
 * Evaluates endorsement policies with the channel's MSPs and policies as currently configured: a plugin is
 * initialised once per channel, while config blocks may change both.
 */
public final class ChannelPolicyEvaluator implements PolicyEvaluator {

    private record Current(ChannelConfig config, ApplicationPolicyEvaluator evaluator) {
    }

    private final Supplier<ChannelConfig> channel;
    private volatile Current current;

    public ChannelPolicyEvaluator(Supplier<ChannelConfig> channel) {
        this.channel = channel;
    }

    @Override
    public void evaluate(ByteString policyBytes, List<SignedData> signatureSet) throws PolicyNotSatisfiedException {
        ChannelConfig config = channel.get();
        Current snapshot = current;
        if (snapshot == null || snapshot.config() != config) {
            snapshot = new Current(config, new ApplicationPolicyEvaluator(config.msps(), config.policies()));
            current = snapshot;
        }
        snapshot.evaluator().evaluate(policyBytes, signatureSet);
    }
}
