package weft.runtime.configtx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.junit.jupiter.api.Test;

class ConsensusTypeChangeTest {

    private static ConfigEnvelope soloConfig(long sequence) {
        ConfigGroup orderer = ConfigGroup.newBuilder().setModPolicy("Admins")
                .putValues("ConsensusType", ConfigValue.newBuilder().setModPolicy("Admins").setVersion(0)
                        .setValue(ConsensusType.newBuilder().setType("solo").build().toByteString()).build())
                .putValues("BatchSize", ConfigValue.newBuilder().setValue(ByteString.copyFromUtf8("unchanged")).build())
                .build();
        ConfigGroup channel = ConfigGroup.newBuilder().putGroups("Orderer", orderer)
                .putGroups("Application", ConfigGroup.newBuilder().setVersion(3).build()).build();
        return ConfigEnvelope.newBuilder().setConfig(Config.newBuilder().setSequence(sequence)
                .setChannelGroup(channel)).build();
    }

    @Test
    void theNewConfigNamesTheTypeWithHigherValueVersionAndSequenceAndKeepsEverythingElse() throws Exception {
        ConfigEnvelope current = soloConfig(4);
        ByteString metadata = ByteString.copyFromUtf8("raft metadata");

        ConfigEnvelope next = ConsensusTypeChange.apply(current, "raft", metadata);

        assertEquals(5, next.getConfig().getSequence());
        ConfigGroup orderer = next.getConfig().getChannelGroup().getGroupsOrThrow("Orderer");
        ConfigValue value = orderer.getValuesOrThrow("ConsensusType");
        assertEquals(1, value.getVersion());
        assertEquals("Admins", value.getModPolicy());
        ConsensusType type = ConsensusType.parseFrom(value.getValue());
        assertEquals("raft", type.getType());
        assertEquals(metadata, type.getMetadata());
        assertEquals(ConsensusType.State.STATE_NORMAL, type.getState());
        ConfigGroup before = current.getConfig().getChannelGroup().getGroupsOrThrow("Orderer");
        assertEquals(before.getValuesOrThrow("BatchSize"), orderer.getValuesOrThrow("BatchSize"));
        assertEquals(current.getConfig().getChannelGroup().getGroupsOrThrow("Application"),
                next.getConfig().getChannelGroup().getGroupsOrThrow("Application"));
    }

    @Test
    void aConfigWithoutConsensusTypeOrAnEmptyTypeIsRefused() {
        ConfigEnvelope noOrderer = ConfigEnvelope.newBuilder().setConfig(Config.newBuilder()
                .setChannelGroup(ConfigGroup.getDefaultInstance())).build();

        ConfigTxException missing = assertThrows(ConfigTxException.class,
                () -> ConsensusTypeChange.apply(noOrderer, "raft", ByteString.EMPTY));
        ConfigTxException empty = assertThrows(ConfigTxException.class,
                () -> ConsensusTypeChange.apply(soloConfig(0), " ", ByteString.EMPTY));

        assertTrue(missing.getMessage().contains("no /Channel/Orderer group"), missing.getMessage());
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void theConfigTransactionIsSignedByItsCreatorWithFabricsTxId() throws Exception {
        ByteString creator = ByteString.copyFromUtf8("serialized orderer identity");
        ConfigEnvelope config = soloConfig(1);

        Envelope envelope = ConsensusTypeChange.configTransaction("mychannel", config, creator,
                ConsensusTypeChangeTest::sha256);

        Payload payload = Payload.parseFrom(envelope.getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        SignatureHeader signature = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        assertEquals(HeaderType.CONFIG_VALUE, header.getType());
        assertEquals("mychannel", header.getChannelId());
        assertEquals(creator, signature.getCreator());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(signature.getNonce().toByteArray());
        digest.update(creator.toByteArray());
        assertEquals(HexFormat.of().formatHex(digest.digest()), header.getTxId());
        assertEquals(config, ConfigEnvelope.parseFrom(payload.getData()));
        assertArrayEquals(sha256(envelope.getPayload().toByteArray()), envelope.getSignature().toByteArray());
    }

    /** Stands in for a signer: the test checks what is signed, not the cryptography. */
    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
