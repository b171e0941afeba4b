package weft.runtime.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import weft.api.identity.SignedData;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.policy.PolicyException;

/**
 * The orderer's signatures on a block (metadata SIGNATURES): each covers the metadata value, the signature header
 * and the DER header bytes, and together they must satisfy the channel's {@code /Channel/Orderer/BlockValidation}
 * policy. A block that fails is not from the ordering service and is refused whole.
 */
public final class BlockSignatures {

    public static final String BLOCK_VALIDATION = "/Channel/Orderer/BlockValidation";

    private BlockSignatures() {
    }

    /** Checks the block's orderer signatures against the channel's block-validation policy. */
    public static void verify(Block block, ChannelConfig channel) throws BlockRejectedException {
        long number = block.getHeader().getNumber();
        List<SignedData> signatures = signedData(block);
        if (signatures.isEmpty()) {
            throw new BlockRejectedException("block " + number + " carries no orderer signature");
        }
        try {
            channel.policies().evaluate(BLOCK_VALIDATION, signatures);
        } catch (PolicyException e) {
            throw new BlockRejectedException("block " + number + ": the orderer signatures do not satisfy "
                    + BLOCK_VALIDATION + ": " + e.getMessage(), e);
        }
    }

    static List<SignedData> signedData(Block block) throws BlockRejectedException {
        int index = BlockMetadataIndex.SIGNATURES_VALUE;
        if (block.getMetadata().getMetadataCount() <= index) {
            return List.of();
        }
        try {
            Metadata metadata = Metadata.parseFrom(block.getMetadata().getMetadata(index));
            ByteString header = ByteString.copyFrom(BlockHashes.headerBytes(block.getHeader()));
            List<SignedData> signatures = new ArrayList<>();
            for (MetadataSignature signature : metadata.getSignaturesList()) {
                ByteString creator = SignatureHeader.parseFrom(signature.getSignatureHeader()).getCreator();
                signatures.add(new SignedData(metadata.getValue().concat(signature.getSignatureHeader()).concat(header),
                        creator, signature.getSignature()));
            }
            return signatures;
        } catch (InvalidProtocolBufferException e) {
            throw new BlockRejectedException("block " + block.getHeader().getNumber()
                    + ": the signature metadata does not parse: " + e.getMessage(), e);
        }
    }

    /** A block that is not signed by the ordering service as the channel requires. */
    public static final class BlockRejectedException extends Exception {
        private static final long serialVersionUID = 1L;

        public BlockRejectedException(String message) {
            super(message);
        }

        public BlockRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
