package weft.launcher.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code peer chaincode invoke|query} call.
 *
 * @param channelId   {@code -C}
 * @param chaincode   {@code -n}
 * @param ctorJson    {@code -c}: Fabric's JSON, {@code {"Args":["fn","a1"]}} or {@code {"function":"fn","Args":["a1"]}}
 * @param submit      true for invoke (order and commit), false for query (endorse only)
 * @param clientMsp   the client's MSP folder ({@code CORE_PEER_MSPCONFIGPATH}); null for the default
 * @param clientMspId the client's MSP id ({@code CORE_PEER_LOCALMSPID}); null for the default
 */
public record ChaincodeCall(String channelId, String chaincode, String ctorJson, boolean submit, Path clientMsp,
                            String clientMspId) {

    public ChaincodeCall {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(chaincode, "chaincode");
        Objects.requireNonNull(ctorJson, "ctorJson");
    }
}
