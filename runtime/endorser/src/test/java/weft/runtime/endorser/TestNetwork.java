package weft.runtime.endorser;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import weft.api.endorsement.SigningIdentity;
import weft.runtime.crypto.Curve;
import weft.runtime.crypto.HashFunction;
import weft.runtime.cryptogen.CertificateAuthority;
import weft.runtime.cryptogen.IssuedCertificate;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.block.TransactionIds;
import weft.runtime.policy.PolicyParser;
import weft.runtime.policy.PolicySyntaxException;

/**
 * A two-organisation channel for tests, with real certificates: each organisation has a CA, a peer, a client and
 * an admin; the channel config has Fabric's usual policies (Writers = the org's clients and admins, Endorsement =
 * its peers, implicit-meta policies above); an orderer signs the blocks. Builds the genesis block, a committed
 * chaincode definition, and blocks of transactions.
 */
public final class TestNetwork {

    public static final String CHANNEL = "testchannel";

    private final SecureRandom random = new SecureRandom();
    private final List<Org> orgs = new ArrayList<>();
    private final Org orderer;
    private long nextBlock;
    private ByteString previousHash = ByteString.EMPTY;

    /** An organisation's CA and identities. */
    public record Org(String mspId, CertificateAuthority ca, IssuedCertificate peer, IssuedCertificate client,
                      IssuedCertificate admin) {

        public ByteString serialize(IssuedCertificate certificate) {
            return SerializedIdentity.newBuilder().setMspid(mspId)
                    .setIdBytes(ByteString.copyFromUtf8(certificate.certificatePem())).build().toByteString();
        }

        /** The peer's signing identity, as the endorser signs with it. */
        public KeySigner peerIdentity() {
            return signer(peer);
        }

        public KeySigner signer(IssuedCertificate certificate) {
            return new KeySigner(serialize(certificate), certificate);
        }
    }

    /** A signing identity from a certificate and its key. */
    public record KeySigner(ByteString serialize, IssuedCertificate certificate) implements SigningIdentity {
        @Override
        public ByteString sign(ByteString message) {
            return ByteString.copyFrom(certificate.key().sign(message.toByteArray(), HashFunction.SHA256));
        }
    }

    public TestNetwork() {
        orgs.add(org("Org1MSP"));
        orgs.add(org("Org2MSP"));
        orderer = org("OrdererMSP");
    }

    private Org org(String mspId) {
        CertificateAuthority ca = CertificateAuthority.root("ca." + mspId.toLowerCase(), mspId, Curve.P256, random,
                Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(3650));
        Instant from = Instant.now().minusSeconds(60);
        return new Org(mspId, ca, ca.issue("peer0." + mspId, mspId.equals("OrdererMSP") ? "orderer" : "peer", from,
                Duration.ofDays(30)), ca.issue("user1." + mspId, "client", from, Duration.ofDays(30)),
                ca.issue("admin." + mspId, "admin", from, Duration.ofDays(30)));
    }

    public Org org1() {
        return orgs.get(0);
    }

    public Org org2() {
        return orgs.get(1);
    }

    /** A client certificate of Org1 that has already expired. */
    public IssuedCertificate expiredClient() {
        return org1().ca().issue("expired.Org1MSP", "client", Instant.now().minus(Duration.ofDays(5)), Duration.ofDays(1));
    }

    /** The genesis block: the channel configuration. */
    public Block genesis() {
        ConfigGroup.Builder application = ConfigGroup.newBuilder()
                .putPolicies("Writers", meta("Writers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Readers", meta("Readers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Endorsement", meta("Endorsement", ImplicitMetaPolicy.Rule.MAJORITY))
                .putPolicies("LifecycleEndorsement", meta("Endorsement", ImplicitMetaPolicy.Rule.MAJORITY));
        for (Org org : orgs) {
            String id = org.mspId();
            application.putGroups(id, orgGroup(org)
                    .putPolicies("Writers", signature("OR('" + id + ".admin', '" + id + ".client')"))
                    .putPolicies("Readers", signature("OR('" + id + ".admin', '" + id + ".peer', '" + id + ".client')"))
                    .putPolicies("Endorsement", signature("OR('" + id + ".peer')")).build());
        }
        ConfigGroup.Builder ordererGroup = ConfigGroup.newBuilder()
                .putPolicies("BlockValidation", signature("OR('OrdererMSP.member')"))
                .putGroups(orderer.mspId(), orgGroup(orderer).build());
        ConfigGroup channel = ConfigGroup.newBuilder().putGroups("Application", application.build())
                .putGroups("Orderer", ordererGroup.build()).build();
        ConfigEnvelope config = ConfigEnvelope.newBuilder().setConfig(Config.newBuilder().setChannelGroup(channel)).build();
        return block(List.of(configEnvelope(config.toByteString())));
    }

    /** A block committing the definition of {@code chaincode} (sequence 1) with the given endorsement policy. */
    public Block definition(String chaincode, String version, String endorsementPolicy, boolean initRequired) {
        return definition(chaincode, version, endorsementPolicy, initRequired, CollectionConfigPackage.getDefaultInstance());
    }

    /** A block committing the definition of {@code chaincode} (sequence 1) with private data collections. */
    public Block definition(String chaincode, String version, String endorsementPolicy, boolean initRequired,
                            CollectionConfigPackage collections) {
        return definition(chaincode, version, endorsementPolicy, initRequired, collections, "escc");
    }

    /** A block committing the definition of {@code chaincode} (sequence 1) naming {@code endorsementPlugin}. */
    public Block definition(String chaincode, String version, String endorsementPolicy, boolean initRequired,
                            CollectionConfigPackage collections, String endorsementPlugin) {
        String prefix = "namespaces/fields/" + chaincode + "/";
        SignaturePolicyEnvelope policy = policy(endorsementPolicy);
        KVRWSet writes = KVRWSet.newBuilder()
                .addWrites(write("namespaces/metadata/" + chaincode,
                        StateMetadata.newBuilder().setDatatype("ChaincodeDefinition").build().toByteString()))
                .addWrites(write(prefix + "Sequence", StateData.newBuilder().setInt64(1).build().toByteString()))
                .addWrites(write(prefix + "EndorsementInfo", StateData.newBuilder().setBytes(ChaincodeEndorsementInfo
                        .newBuilder().setVersion(version).setEndorsementPlugin(endorsementPlugin).setInitRequired(initRequired)
                        .build().toByteString()).build().toByteString()))
                .addWrites(write(prefix + "ValidationInfo", StateData.newBuilder().setBytes(ChaincodeValidationInfo
                        .newBuilder().setValidationPlugin("vscc").setValidationParameter(ApplicationPolicy.newBuilder()
                                .setSignaturePolicy(policy).build().toByteString()).build().toByteString()).build().toByteString()))
                .addWrites(write(prefix + "Collections", StateData.newBuilder().setBytes(collections.toByteString()).build()
                        .toByteString()))
                .build();
        TxReadWriteSet rwset = TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet.newBuilder()
                .setNamespace("_lifecycle").setRwset(writes.toByteString())).build();
        return block(List.of(endorsedByAllPeers("_lifecycle", rwset)));
    }

    /** The validation parameter {@link #definition} commits for {@code endorsementPolicy}. */
    public static ByteString validationParameter(String endorsementPolicy) {
        return ApplicationPolicy.newBuilder().setSignaturePolicy(policy(endorsementPolicy)).build().toByteString();
    }

    /** A lifecycle-style transaction signed by Org1's admin and endorsed by every organisation's peer. */
    private ByteString endorsedByAllPeers(String chaincode, TxReadWriteSet rwset) {
        Org creator = org1();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(creator.serialize(creator.admin()))
                .setNonce(nonce()).build();
        ByteString channelHeader = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CHANNEL).setTxId(TransactionIds.of(signatureHeader.getNonce(), signatureHeader.getCreator()))
                .setTimestamp(now()).setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode)).build().toByteString())
                .build().toByteString();
        ByteString proposalPayload = ByteString.copyFromUtf8("define " + chaincode);
        ChaincodeAction action = ChaincodeAction.newBuilder().setResults(rwset.toByteString())
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode).setVersion("syscc"))
                .setResponse(org.hyperledger.fabric.protos.peer.Response.newBuilder().setStatus(200)).build();
        ByteString prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(Client.sha256(channelHeader.concat(signatureHeader.toByteString()).concat(proposalPayload)))
                .setExtension(action.toByteString()).build().toByteString();
        ChaincodeEndorsedAction.Builder endorsed = ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp);
        for (Org org : orgs) {
            KeySigner peer = org.peerIdentity();
            endorsed.addEndorsements(Endorsement.newBuilder().setEndorser(peer.serialize())
                    .setSignature(peer.sign(prp.concat(peer.serialize()))));
        }
        ByteString data = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setHeader(signatureHeader.toByteString()).setPayload(ChaincodeActionPayload.newBuilder()
                        .setChaincodeProposalPayload(proposalPayload).setAction(endorsed).build().toByteString()))
                .build().toByteString();
        ByteString payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(channelHeader)
                .setSignatureHeader(signatureHeader.toByteString())).setData(data).build().toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(creator.signer(creator.admin()).sign(payload))
                .build().toByteString();
    }

    private ByteString configEnvelope(ByteString config) {
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(orderer.serialize(orderer.peer()))
                .setNonce(nonce()).build();
        ByteString channelHeader = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_VALUE).setChannelId(CHANNEL)
                .setTimestamp(now()).build().toByteString();
        ByteString payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(channelHeader)
                .setSignatureHeader(signatureHeader.toByteString())).setData(config).build().toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(orderer.signer(orderer.peer()).sign(payload))
                .build().toByteString();
    }

    /** Chains the envelopes into the next block, signed by the orderer. */
    public Block block(List<ByteString> envelopes) {
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(nextBlock++).setPreviousHash(previousHash)
                .setDataHash(BlockHashes.dataHash(data)).build();
        previousHash = BlockHashes.headerHash(header);
        ByteString value = OrdererBlockMetadata.getDefaultInstance().toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(orderer.serialize(orderer.peer()))
                .setNonce(nonce()).build().toByteString();
        ByteString signed = value.concat(signatureHeader).concat(ByteString.copyFrom(BlockHashes.headerBytes(header)));
        Metadata signatures = Metadata.newBuilder().setValue(value).addSignatures(MetadataSignature.newBuilder()
                .setSignatureHeader(signatureHeader).setSignature(orderer.signer(orderer.peer()).sign(signed))).build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder().addMetadata(signatures.toByteString());
        for (int i = 1; i < 5; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
    }

    private ByteString nonce() {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        return ByteString.copyFrom(nonce);
    }

    static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static ConfigGroup.Builder orgGroup(Org org) {
        ByteString caPem = ByteString.copyFromUtf8(org.ca().certificate().certificatePem());
        FabricMSPConfig msp = FabricMSPConfig.newBuilder().setName(org.mspId()).addRootCerts(caPem)
                .setFabricNodeOus(FabricNodeOUs.newBuilder().setEnable(true)
                        .setClientOuIdentifier(ou(caPem, "client")).setPeerOuIdentifier(ou(caPem, "peer"))
                        .setAdminOuIdentifier(ou(caPem, "admin")).setOrdererOuIdentifier(ou(caPem, "orderer")))
                .build();
        return ConfigGroup.newBuilder().putValues("MSP", ConfigValue.newBuilder().setValue(MSPConfig.newBuilder()
                .setConfig(msp.toByteString()).build().toByteString()).build());
    }

    private static FabricOUIdentifier ou(ByteString caPem, String ou) {
        return FabricOUIdentifier.newBuilder().setCertificate(caPem).setOrganizationalUnitIdentifier(ou).build();
    }

    private static ConfigPolicy signature(String expression) {
        return ConfigPolicy.newBuilder().setPolicy(Policy.newBuilder().setType(Policy.PolicyType.SIGNATURE_VALUE)
                .setValue(policy(expression).toByteString())).build();
    }

    static SignaturePolicyEnvelope policy(String expression) {
        try {
            return PolicyParser.parse(expression);
        } catch (PolicySyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ConfigPolicy meta(String subPolicy, ImplicitMetaPolicy.Rule rule) {
        return ConfigPolicy.newBuilder().setPolicy(Policy.newBuilder().setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                .setValue(ImplicitMetaPolicy.newBuilder().setSubPolicy(subPolicy).setRule(rule).build().toByteString()))
                .build();
    }

    private static KVWrite write(String key, ByteString value) {
        return KVWrite.newBuilder().setKey(key).setValue(value).build();
    }

    static Map<String, ByteString> transientOf(String key, String value) {
        return Map.of(key, ByteString.copyFromUtf8(value));
    }
}
