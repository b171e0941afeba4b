package weft.runtime.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BlockStream;
import weft.api.ordering.OrderingException;
import weft.runtime.crypto.EcPublicKey;
import weft.runtime.crypto.HashFunction;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.block.OrdererBlocks;
import weft.runtime.ordering.testing.OrderingFixture;

class FileChainSupportTest {

    @TempDir
    Path dir;

    private final OrderingFixture fixture = new OrderingFixture();

    @Test
    void writesNumberedHashChainedBlocksSignedByTheOrderer() throws Exception {
        try (FileChainSupport support = fixture.chainSupport(dir, "orderer0", BatchConfig.DEFAULT)) {
            assertEquals(1, support.height(), "an empty store starts with the genesis block");
            Block one = support.writeBlock(List.of(fixture.transaction("a"), fixture.transaction("b")), ByteString.EMPTY);

            assertEquals(1, one.getHeader().getNumber());
            assertEquals(BlockHashes.headerHash(fixture.genesis().getHeader()), one.getHeader().getPreviousHash());
            assertEquals(BlockHashes.dataHash(one.getData()), one.getHeader().getDataHash());
            assertEquals(5, one.getMetadata().getMetadataCount());
            Metadata signatures = Metadata.parseFrom(one.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
            assertEquals(1, signatures.getSignaturesCount());
            var signature = signatures.getSignatures(0);
            ByteString signed = signatures.getValue().concat(signature.getSignatureHeader())
                    .concat(ByteString.copyFrom(BlockHashes.headerBytes(one.getHeader())));
            publicKeyOf(SignatureHeader.parseFrom(signature.getSignatureHeader()).getCreator())
                    .verify(signed, signature.getSignature().toByteArray(), HashFunction.SHA256);
        }
    }

    @Test
    void lastConfigPointsAtTheLatestConfigBlock() throws Exception {
        try (FileChainSupport support = fixture.chainSupport(dir, "orderer0", BatchConfig.DEFAULT)) {
            Block one = support.writeBlock(List.of(fixture.transaction("a")), ByteString.EMPTY);
            Block config = support.writeConfigBlock(fixture.config("update"), ByteString.EMPTY);
            Block three = support.writeBlock(List.of(fixture.transaction("b")), ByteString.EMPTY);

            assertEquals(0, lastConfig(one));
            assertEquals(2, lastConfig(config));
            assertEquals(2, lastConfig(three));
            assertEquals(2, OrdererBlocks.ordererMetadata(three).getLastConfig().getIndex());
            assertTrue(support.isConfig(fixture.config("x")));
            assertFalse(support.isConfig(fixture.transaction("x")));
            assertFalse(support.isConfig(ByteString.copyFromUtf8("not an envelope")));
        }
    }

    @Test
    void reopeningResumesAfterTheLastBlockWithItsConsenterMetadataAndLastConfig() throws Exception {
        ByteString tip;
        try (FileChainSupport support = fixture.chainSupport(dir, "orderer0", BatchConfig.DEFAULT)) {
            support.writeConfigBlock(fixture.config("update"), ByteString.copyFromUtf8("m1"));
            support.writeBlock(List.of(fixture.transaction("a")), ByteString.copyFromUtf8("m2"));
            tip = support.tipHash();
        }
        try (FileChainSupport support = fixture.chainSupport(dir, "orderer0", BatchConfig.DEFAULT)) {
            assertEquals(3, support.height());
            assertEquals(tip, support.tipHash());
            assertEquals(ByteString.copyFromUtf8("m2"), support.lastConsenterMetadata());
            Block next = support.writeBlock(List.of(fixture.transaction("b")), ByteString.EMPTY);
            assertEquals(tip, next.getHeader().getPreviousHash());
            assertEquals(1, lastConfig(next));
        }
    }

    @Test
    void refusesAStoreThatHoldsAnotherChannelsGenesisBlock() throws Exception {
        fixture.chainSupport(dir, "orderer0", BatchConfig.DEFAULT).close();
        OrderingFixture other = new OrderingFixture();
        OrderingException e = assertThrows(OrderingException.class, () -> other.chainSupport(dir, "o", BatchConfig.DEFAULT));
        assertTrue(e.getMessage().contains("genesis"), e.getMessage());
    }

    @Test
    void aBlockStreamWaitsForBlocksNotYetWritten() throws Exception {
        try (FileChainSupport support = fixture.chainSupport(dir, "orderer0", BatchConfig.DEFAULT);
             BlockStream stream = support.blocks(1)) {
            assertEquals(Optional.empty(), stream.next(Duration.ofMillis(50)));
            CompletableFuture<Optional<Block>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.next(Duration.ofSeconds(10));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            support.writeBlock(List.of(fixture.transaction("a")), ByteString.EMPTY);
            assertEquals(1, waiting.get(10, TimeUnit.SECONDS).orElseThrow().getHeader().getNumber());
        }
    }

    private static long lastConfig(Block block) throws Exception {
        Metadata entry = Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE));
        return LastConfig.parseFrom(entry.getValue()).getIndex();
    }

    private static EcPublicKey publicKeyOf(ByteString serializedIdentity) throws Exception {
        String pem = SerializedIdentity.parseFrom(serializedIdentity).getIdBytes().toStringUtf8();
        try (PEMParser parser = new PEMParser(new java.io.StringReader(pem))) {
            X509CertificateHolder certificate = (X509CertificateHolder) parser.readObject();
            return EcPublicKey.fromSubjectPublicKeyInfo(certificate.getSubjectPublicKeyInfo());
        }
    }
}
