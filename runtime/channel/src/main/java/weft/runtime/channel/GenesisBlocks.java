package weft.runtime.channel;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import weft.runtime.configtx.ChannelGenesis;
import weft.runtime.configtx.ChannelProfile;
import weft.runtime.ledger.block.OrdererBlocks;

/**
 * A channel's genesis block as {@code configtxgen -outputBlock} writes it: block 0 holding only the unsigned
 * genesis config transaction, with LAST_CONFIG 0 and unsigned SIGNATURES metadata (nobody signs block 0; a
 * peer takes it as the channel's root of trust, exactly as it is handed over when joining).
 */
public final class GenesisBlocks {

    private GenesisBlocks() {
    }

    public static Block of(ChannelProfile profile) {
        Block block = OrdererBlocks.unsigned(0, ByteString.EMPTY,
                List.of(ChannelGenesis.genesisTransaction(profile).toByteString()));
        ByteString lastConfig = LastConfig.newBuilder().setIndex(0).build().toByteString();
        return block.toBuilder().setMetadata(block.getMetadata().toBuilder()
                .setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, Metadata.newBuilder().setValue(OrdererBlockMetadata
                        .newBuilder().setLastConfig(LastConfig.newBuilder().setIndex(0)).build().toByteString())
                        .build().toByteString())
                .setMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE, Metadata.newBuilder().setValue(lastConfig).build()
                        .toByteString()))
                .build();
    }
}
