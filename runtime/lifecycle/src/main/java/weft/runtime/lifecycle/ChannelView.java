package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Set;

/**
 * What the lifecycle needs to know about a channel's current configuration: its application organisations (whose
 * approvals commit readiness reports), whether a policy exists (the default endorsement policy is a reference to
 * {@code /Channel/Application/Endorsement}), and its MSPs (collection member policies may only name them).
 * The peer implements it over its channel config; the lifecycle never caches a view across invocations.
 */
public interface ChannelView {

    /** The MSP ids of the channel's application organisations. */
    List<String> applicationOrganizations();

    /** Whether the channel configuration has a policy at {@code path}, e.g. {@code /Channel/Application/Endorsement}. */
    boolean hasPolicy(String path);

    /** The MSP ids of every organisation of the channel, application and orderer. */
    Set<String> mspIds();

    /** Whether a marshalled {@code msp.SerializedIdentity} is an identity of one of the channel's MSPs. */
    boolean isChannelIdentity(ByteString serializedIdentity);

    /** Whether the channel's application capabilities allow the v2 lifecycle (capability {@code V2_0} or later). */
    boolean lifecycleV20Enabled();
}
