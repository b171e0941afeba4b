package weft.runtime.channel;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import weft.api.identity.IdentityException;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.configtx.ChannelSettings;
import weft.runtime.lifecycle.ChannelView;
import weft.runtime.msp.X509Msp;

/** The lifecycle's view of a channel, over the configuration the channel's committer has in force. */
final class ConfigChannelView implements ChannelView {

    private final ChannelConfig config;
    private final ChannelSettings settings;

    ConfigChannelView(ChannelConfig config, ChannelSettings settings) {
        this.config = config;
        this.settings = settings;
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
        return settings.applicationV20();
    }
}
