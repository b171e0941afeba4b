package weft.runtime.operations.admin;

import java.nio.file.Path;
import weft.runtime.msp.MspConfigException;
import weft.runtime.msp.MspFolder;
import weft.runtime.msp.X509Msp;

/**
 * The peer's local MSP ({@code peer.mspConfigPath}, {@code peer.localMspId}) as admin requests are checked
 * against it: read from its folder on first use and kept, since the development network writes the folder only
 * after the operations endpoint has started.
 */
public final class LocalMspFolder implements AdminRequestVerifier.LocalMsp {

    private final Path folder;
    private final String mspId;
    private volatile X509Msp msp;

    public LocalMspFolder(Path folder, String mspId) {
        this.folder = folder;
        this.mspId = mspId;
    }

    @Override
    public X509Msp get() throws AdminRefusal {
        X509Msp loaded = msp;
        if (loaded == null) {
            try {
                loaded = MspFolder.load(folder, mspId);
            } catch (MspConfigException e) {
                throw new AdminRefusal(503, "the peer's MSP " + mspId + " (peer.mspConfigPath " + folder
                        + ") cannot be read, so no admin can be recognised: " + e.getMessage(), e);
            }
            msp = loaded;
        }
        return loaded;
    }
}
