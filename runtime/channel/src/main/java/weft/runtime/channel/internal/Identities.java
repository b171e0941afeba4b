package weft.runtime.channel.internal;

import java.nio.file.Path;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspConfigException;
import weft.runtime.msp.MspFolder;

/** Local signing identities from MSP folders. */
final class Identities {

    private Identities() {
    }

    static LocalSigningIdentity load(Path folder, String mspId) throws MspConfigException {
        return MspFolder.signingIdentity(folder, MspFolder.load(folder, mspId));
    }
}
