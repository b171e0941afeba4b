package weft.runtime.configtx;

import java.nio.file.Path;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import weft.runtime.msp.MspConfigException;
import weft.runtime.msp.MspFolder;

/**
 * An organisation of a channel: the config group name it is listed under, and its verifying MSP (what
 * {@code configtxgen} reads from the organisation's {@code MSPDir}).
 *
 * @param name the group name in the channel config ({@code Org1MSP}); Fabric's samples use the MSP id
 * @param msp  the MSP: its id, root and intermediate CAs, admins, CRLs and NodeOUs
 */
public record Organization(String name, FabricMSPConfig msp) {

    public Organization {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(msp, "msp");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an organisation needs a name");
        }
        if (msp.getName().isBlank()) {
            throw new IllegalArgumentException("organisation " + name + ": its MSP has no id");
        }
    }

    /** The organisation whose verifying MSP folder is {@code mspDirectory}, listed under its MSP id. */
    public static Organization fromMspFolder(Path mspDirectory, String mspId) throws MspConfigException {
        return new Organization(mspId, MspFolder.read(mspDirectory, mspId));
    }

    public String mspId() {
        return msp.getName();
    }
}
