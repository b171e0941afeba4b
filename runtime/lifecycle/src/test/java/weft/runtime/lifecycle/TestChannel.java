package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Set;

/** A channel view for unit tests: its organisations, policies and capability given outright. */
record TestChannel(List<String> applicationOrganizations, Set<String> policies, Set<String> mspIds,
                   Set<ByteString> identities, boolean lifecycleV20Enabled) implements ChannelView {

    /** Org1MSP and Org2MSP with an orderer org and the default endorsement policy, V2_0 on. */
    static TestChannel twoOrgs() {
        return new TestChannel(List.of("Org1MSP", "Org2MSP"), Set.of("/Channel/Application/Endorsement"),
                Set.of("Org1MSP", "Org2MSP", "OrdererMSP"), Set.of(), true);
    }

    @Override
    public boolean hasPolicy(String path) {
        return policies.contains(path);
    }

    @Override
    public boolean isChannelIdentity(ByteString serializedIdentity) {
        return identities.contains(serializedIdentity);
    }
}
