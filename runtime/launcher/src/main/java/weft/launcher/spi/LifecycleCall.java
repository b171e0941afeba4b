package weft.launcher.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@code peer lifecycle chaincode <command>} call.
 *
 * @param command     {@code install}, {@code approveformyorg}, {@code checkcommitreadiness}, {@code commit},
 *                    {@code querycommitted}, {@code queryinstalled}
 * @param channelId   {@code -C}; empty for commands without a channel
 * @param arguments   the remaining arguments, with Fabric's option spellings (install: the package file)
 * @param clientMsp   the client's MSP folder ({@code CORE_PEER_MSPCONFIGPATH}); null for the default
 * @param clientMspId the client's MSP id ({@code CORE_PEER_LOCALMSPID}); null for the default
 */
public record LifecycleCall(String command, String channelId, List<String> arguments, Path clientMsp,
                            String clientMspId) {

    public LifecycleCall {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(channelId, "channelId");
        arguments = List.copyOf(arguments);
    }
}
