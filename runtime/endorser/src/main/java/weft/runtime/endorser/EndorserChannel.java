package weft.runtime.endorser;

import java.util.Objects;
import java.util.function.Supplier;
import weft.runtime.committer.ChannelConfig;
import weft.runtime.ledger.ChannelLedger;

/**
 * A channel as the endorser needs it: its ledger, to simulate on, and its configuration in force (MSPs and
 * policies), read at each proposal because config blocks change it. The committer owns both.
 */
public record EndorserChannel(ChannelLedger ledger, Supplier<ChannelConfig> config) {

    public EndorserChannel {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(config, "config");
    }

    public String channelId() {
        return ledger.channelId();
    }
}
