package weft.runtime.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import weft.api.identity.IdentityException;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.msp.X509Msp;

/** A {@link ChannelView} over a real channel configuration, as the peer will wire it. */
final class ConfigChannelView implements ChannelView {

    private final ChannelConfig config;
    private final boolean v20;

    private ConfigChannelView(ChannelConfig config, boolean v20) {
        this.config = config;
        this.v20 = v20;
    }

    static ConfigChannelView of(Block configBlock) throws Exception {
        ConfigEnvelope envelope = ChannelConfig.configEnvelope(configBlock).orElseThrow();
        return new ConfigChannelView(ChannelConfig.fromConfigBlock(configBlock),
                applicationCapabilities(envelope.getConfig().getChannelGroup()).stream()
                        .anyMatch(c -> c.startsWith("V2_") || c.startsWith("V3_")));
    }

    private static Set<String> applicationCapabilities(ConfigGroup channel) throws InvalidProtocolBufferException {
        ConfigGroup application = channel.getGroupsMap().get("Application");
        ConfigValue value = application == null ? null : application.getValuesMap().get("Capabilities");
        return value == null ? Set.of() : Capabilities.parseFrom(value.getValue()).getCapabilitiesMap().keySet();
    }

    @Override
    public List<String> applicationOrganizations() {
        return List.copyOf(config.applicationOrganizations().keySet());
    }

    @Override
    public boolean hasPolicy(String path) {
        return config.policies().exists(path);
    }

    @Override
    public Set<String> mspIds() {
        return config.msps().msps().stream().map(X509Msp::id).collect(Collectors.toSet());
    }

    @Override
    public boolean isChannelIdentity(ByteString serializedIdentity) {
        try {
            config.msps().deserializeIdentity(serializedIdentity);
            return true;
        } catch (IdentityException e) {
            return false;
        }
    }

    @Override
    public boolean lifecycleV20Enabled() {
        return v20;
    }
}
