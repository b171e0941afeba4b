package weft.runtime.ledger.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * Blocks as an ordering node writes them (Fabric 2.x): header (number, previous header hash, data hash), the
 * envelopes, and five metadata entries of which the orderer fills SIGNATURES — {@code Metadata{value =
 * OrdererBlockMetadata{last_config, consenter_metadata}}} with its signature over value, signature header and
 * the DER header bytes — and LAST_CONFIG ({@code Metadata{value = LastConfig}}, unsigned, kept for older
 * readers). The committer's block-signature check reads exactly what this writes.
 */
public final class OrdererBlocks {

    /** How many metadata entries a block carries ({@code common.BlockMetadataIndex}). */
    public static final int METADATA_ENTRIES = 5;

    private OrdererBlocks() {
    }

    /** Signs block contents as one ordering identity. */
    public interface Signer {
        /** The marshalled {@code msp.SerializedIdentity} of the orderer. */
        ByteString identity();

        /** A signature over {@code message}, as the MSP signs (SHA-256, ECDSA, low S, DER). */
        byte[] sign(byte[] message);
    }

    /** An unsigned block of {@code envelopes} following the block whose header hash is {@code previousHash}. */
    public static Block unsigned(long number, ByteString previousHash, List<ByteString> envelopes) {
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(number).setPreviousHash(previousHash)
                .setDataHash(BlockHashes.dataHash(data)).build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < METADATA_ENTRIES; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
    }

    /**
     * The block with the orderer's SIGNATURES and LAST_CONFIG metadata.
     *
     * @param nonce the signature header's nonce; Fabric uses 24 random bytes
     */
    public static Block sign(Block block, long lastConfig, ByteString consenterMetadata, Signer signer,
                             ByteString nonce) {
        ByteString value = OrdererBlockMetadata.newBuilder()
                .setLastConfig(LastConfig.newBuilder().setIndex(lastConfig))
                .setConsenterMetadata(consenterMetadata).build().toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(signer.identity()).setNonce(nonce)
                .build().toByteString();
        ByteString signed = value.concat(signatureHeader)
                .concat(ByteString.copyFrom(BlockHashes.headerBytes(block.getHeader())));
        Metadata signatures = Metadata.newBuilder().setValue(value).addSignatures(MetadataSignature.newBuilder()
                .setSignatureHeader(signatureHeader).setSignature(ByteString.copyFrom(signer.sign(signed.toByteArray()))))
                .build();
        ByteString lastConfigEntry = Metadata.newBuilder()
                .setValue(LastConfig.newBuilder().setIndex(lastConfig).build().toByteString()).build().toByteString();
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_ENTRIES) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, signatures.toByteString());
        metadata.setMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE, lastConfigEntry);
        return block.toBuilder().setMetadata(metadata).build();
    }

    /**
     * The signed orderer metadata of a block, or the default instance when it has none (a genesis block).
     *
     * @throws IllegalArgumentException when the SIGNATURES entry does not parse
     */
    public static OrdererBlockMetadata ordererMetadata(Block block) {
        int index = BlockMetadataIndex.SIGNATURES_VALUE;
        if (block.getMetadata().getMetadataCount() <= index || block.getMetadata().getMetadata(index).isEmpty()) {
            return OrdererBlockMetadata.getDefaultInstance();
        }
        try {
            Metadata metadata = Metadata.parseFrom(block.getMetadata().getMetadata(index));
            return OrdererBlockMetadata.parseFrom(metadata.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("block " + block.getHeader().getNumber()
                    + ": the SIGNATURES metadata does not parse: " + e.getMessage(), e);
        }
    }
}
