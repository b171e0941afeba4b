package weft.runtime.msp;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/** Builds a channel's MSPs from the organisations of its config tree (application and orderer groups). */
public final class ChannelMsps {

    /** The key of the config value that holds an organisation's {@code MSPConfig}. */
    public static final String MSP_VALUE = "MSP";

    private ChannelMsps() {
    }

    public static MspManager fromConfig(ConfigGroup channelGroup) throws MspConfigException {
        List<X509Msp> msps = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String section : List.of("Application", "Orderer")) {
            ConfigGroup sectionGroup = channelGroup.getGroupsMap().get(section);
            if (sectionGroup == null) {
                continue;
            }
            for (Map.Entry<String, ConfigGroup> org : sectionGroup.getGroupsMap().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                ConfigValue value = org.getValue().getValuesMap().get(MSP_VALUE);
                if (value == null) {
                    continue;
                }
                X509Msp msp = fromValue(section + "/" + org.getKey(), value);
                // One organisation may appear under both sections (e.g. a solo network's single org).
                if (!seen.contains(msp.id())) {
                    seen.add(msp.id());
                    msps.add(msp);
                }
            }
        }
        return new MspManager(msps);
    }

    private static X509Msp fromValue(String where, ConfigValue value) throws MspConfigException {
        try {
            MSPConfig config = MSPConfig.parseFrom(value.getValue());
            if (config.getType() != 0) {
                throw new MspConfigException("organisation " + where + " uses MSP type " + config.getType()
                        + "; Weft supports X.509 (type 0, FABRIC) MSPs only");
            }
            return X509Msp.fromConfig(FabricMSPConfig.parseFrom(config.getConfig()));
        } catch (InvalidProtocolBufferException e) {
            throw new MspConfigException("organisation " + where + ": malformed MSP definition: " + e.getMessage(), e);
        }
    }
}
