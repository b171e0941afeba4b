package weft.runtime.committer.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
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
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
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
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import weft.runtime.crypto.Curve;
import weft.runtime.crypto.HashFunction;
import weft.runtime.cryptogen.CertificateAuthority;
import weft.runtime.cryptogen.IssuedCertificate;
import weft.runtime.ledger.block.BlockHashes;
import weft.runtime.ledger.block.OrdererBlocks;

/**
 * A small signed network for benchmarks and tests: organisations with a CA, a peer and a client each, an orderer,
 * a channel config (MAJORITY endorsement, orderer block validation), and properly signed blocks of endorser
 * transactions — creator signature, proposal hash, txid and endorsements exactly as Fabric builds them.
 */
public final class SignedNetwork {

    public static final String CHANNEL = "benchchannel";
    public static final String CHAINCODE = "bench";

    private final SecureRandom random = new SecureRandom();
    private final List<Org> orgs = new ArrayList<>();
    private final Org orderer;
    private long nextBlock;
    private ByteString previousHash = ByteString.EMPTY;

    /** An organisation's CA and identities. */
    public record Org(String mspId, CertificateAuthority ca, IssuedCertificate peer, IssuedCertificate client) {
        ByteString serialized(IssuedCertificate certificate) {
            return SerializedIdentity.newBuilder().setMspid(mspId)
                    .setIdBytes(ByteString.copyFromUtf8(certificate.certificatePem())).build().toByteString();
        }
    }

    public SignedNetwork(int organizations) {
        for (int i = 1; i <= organizations; i++) {
            orgs.add(org("Org" + i + "MSP"));
        }
        orderer = org("OrdererMSP");
    }

    private Org org(String mspId) {
        CertificateAuthority ca = CertificateAuthority.root("ca." + mspId, mspId, Curve.P256, random);
        Instant from = Instant.now().minusSeconds(60);
        return new Org(mspId, ca, ca.issue("peer0." + mspId, mspId.equals("OrdererMSP") ? "orderer" : "peer", from,
                Duration.ofDays(30)), ca.issue("user1." + mspId, "client", from, Duration.ofDays(30)));
    }

    public List<Org> orgs() {
        return orgs;
    }

    /** The genesis block: the channel config. */
    public Block genesis() {
        ConfigGroup.Builder application = ConfigGroup.newBuilder()
                .putPolicies("Endorsement", meta("Endorsement"))
                .putPolicies("LifecycleEndorsement", meta("Endorsement"));
        for (Org org : orgs) {
            application.putGroups(org.mspId(), orgGroup(org, MSPRole.MSPRoleType.PEER).build());
        }
        ConfigGroup.Builder ordererGroup = ConfigGroup.newBuilder()
                .putPolicies("BlockValidation", signature(orderer.mspId(), MSPRole.MSPRoleType.MEMBER))
                .putGroups(orderer.mspId(), orgGroup(orderer, MSPRole.MSPRoleType.MEMBER).build());
        ConfigGroup channel = ConfigGroup.newBuilder().putGroups("Application", application.build())
                .putGroups("Orderer", ordererGroup.build()).build();
        ConfigEnvelope config = ConfigEnvelope.newBuilder().setConfig(Config.newBuilder().setChannelGroup(channel)).build();
        return block(List.of(envelope(HeaderType.CONFIG, orderer, orderer.client(), ByteString.EMPTY,
                config.toByteString(), null, null, null)));
    }

    /** Block 1: a committed definition of the benchmark chaincode with the given endorsement policy. */
    public Block definition(SignaturePolicyEnvelope policy) {
        return definition(policy, "vscc");
    }

    /** A committed definition of the benchmark chaincode naming {@code validationPlugin} (a core.yaml validator). */
    public Block definition(SignaturePolicyEnvelope policy, String validationPlugin) {
        String prefix = "namespaces/fields/" + CHAINCODE + "/";
        KVRWSet writes = KVRWSet.newBuilder()
                .addWrites(write("namespaces/metadata/" + CHAINCODE,
                        StateMetadata.newBuilder().setDatatype("ChaincodeDefinition").build().toByteString()))
                .addWrites(write(prefix + "Sequence", StateData.newBuilder().setInt64(1).build().toByteString()))
                .addWrites(write(prefix + "EndorsementInfo", StateData.newBuilder().setBytes(ChaincodeEndorsementInfo
                        .newBuilder().setVersion("1.0").setEndorsementPlugin("escc").build().toByteString()).build().toByteString()))
                .addWrites(write(prefix + "ValidationInfo", StateData.newBuilder().setBytes(ChaincodeValidationInfo
                        .newBuilder().setValidationPlugin(validationPlugin).setValidationParameter(ApplicationPolicy.newBuilder()
                                .setSignaturePolicy(policy).build().toByteString()).build().toByteString()).build().toByteString()))
                .addWrites(write(prefix + "Collections", StateData.newBuilder().setBytes(ByteString.EMPTY).build().toByteString()))
                .build();
        return block(List.of(endorserTransaction("_lifecycle", TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet
                .newBuilder().setNamespace("_lifecycle").setRwset(writes.toByteString())).build(), orgs.subList(0, 2))));
    }

    /** A block of {@code count} transactions each writing its own key, endorsed by {@code endorsers} (rotating). */
    public Block transactions(int count, int endorsersPerTx) {
        List<ByteString> envelopes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Org> endorsers = new ArrayList<>();
            for (int e = 0; e < endorsersPerTx; e++) {
                endorsers.add(orgs.get((i + e) % orgs.size()));
            }
            TxReadWriteSet rwset = TxReadWriteSet.newBuilder()
                    .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("_lifecycle").setRwset(KVRWSet.newBuilder()
                            .addReads(KVRead.newBuilder().setKey("namespaces/fields/" + CHAINCODE + "/Sequence")
                                    .setVersion(Version.newBuilder().setBlockNum(1).setTxNum(0))).build().toByteString()))
                    .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(CHAINCODE).setRwset(KVRWSet.newBuilder()
                            .addWrites(write("key-" + nextBlock + "-" + i, ByteString.copyFromUtf8("{\"value\":" + i + "}")))
                            .build().toByteString()))
                    .build();
            envelopes.add(endorserTransaction(CHAINCODE, rwset, endorsers));
        }
        return block(envelopes);
    }

    /**
     * A block of endorser transactions of the benchmark chaincode by Org1's client, each read-write set made from
     * the transaction's own txid (as a chaincode writing keys named after its txid produces it).
     */
    public Block endorserTransactions(List<Function<String, TxReadWriteSet>> rwsets, List<Org> endorsers) {
        List<ByteString> envelopes = new ArrayList<>(rwsets.size());
        for (Function<String, TxReadWriteSet> rwset : rwsets) {
            envelopes.add(endorserTransaction(CHAINCODE, rwset, endorsers));
        }
        return block(envelopes);
    }

    private ByteString endorserTransaction(String chaincode, TxReadWriteSet rwset, List<Org> endorsers) {
        return endorserTransaction(chaincode, txId -> rwset, endorsers);
    }

    private ByteString endorserTransaction(String chaincode, Function<String, TxReadWriteSet> rwset,
                                           List<Org> endorsers) {
        Org creatorOrg = orgs.get(0);
        ChaincodeHeaderExtension extension = ChaincodeHeaderExtension.newBuilder()
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode)).build();
        ByteString proposalPayload = ByteString.copyFromUtf8("invoke " + chaincode);
        Function<String, ChaincodeAction> action = txId -> ChaincodeAction.newBuilder()
                .setResults(rwset.apply(txId).toByteString())
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode).setVersion("1.0"))
                .setResponse(Response.newBuilder().setStatus(200)).build();
        return envelope(HeaderType.ENDORSER_TRANSACTION, creatorOrg, creatorOrg.client(), extension.toByteString(),
                null, proposalPayload, action, endorsers);
    }

    /** A signed envelope: a config transaction ({@code configData}) or an endorser transaction (the rest). */
    private ByteString envelope(HeaderType type, Org org, IssuedCertificate creator, ByteString extension,
                                ByteString configData, ByteString proposalPayload, Function<String, ChaincodeAction> action,
                                List<Org> endorsers) {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(org.serialized(creator))
                .setNonce(ByteString.copyFrom(nonce)).build();
        String txId = HexFormat.of().formatHex(sha256(signatureHeader.getNonce().concat(signatureHeader.getCreator())));
        ByteString channelHeader = ChannelHeader.newBuilder().setType(type.getNumber()).setChannelId(CHANNEL)
                .setTxId(type == HeaderType.CONFIG ? "" : txId).setExtension(extension)
                .setTimestamp(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond())).build().toByteString();
        ByteString data = configData;
        if (type == HeaderType.ENDORSER_TRANSACTION) {
            ByteString proposalHash = ByteString.copyFrom(sha256(channelHeader.concat(signatureHeader.toByteString())
                    .concat(proposalPayload)));
            ByteString prp = ProposalResponsePayload.newBuilder().setProposalHash(proposalHash)
                    .setExtension(action.apply(txId).toByteString()).build().toByteString();
            ChaincodeEndorsedAction.Builder endorsed = ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp);
            for (Org endorser : endorsers) {
                ByteString identity = endorser.serialized(endorser.peer());
                endorsed.addEndorsements(Endorsement.newBuilder().setEndorser(identity).setSignature(ByteString.copyFrom(
                        endorser.peer().key().sign(prp.concat(identity).toByteArray(), HashFunction.SHA256))));
            }
            ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder().setChaincodeProposalPayload(proposalPayload)
                    .setAction(endorsed).build();
            data = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                    .setHeader(signatureHeader.toByteString()).setPayload(cap.toByteString())).build().toByteString();
        }
        ByteString payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(channelHeader)
                .setSignatureHeader(signatureHeader.toByteString())).setData(data).build().toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(ByteString.copyFrom(
                creator.key().sign(payload.toByteArray(), HashFunction.SHA256))).build().toByteString();
    }

    /** Chains the envelopes into the next block, signed by the orderer as an ordering node signs it. */
    private Block block(List<ByteString> envelopes) {
        long number = nextBlock++;
        Block unsigned = OrdererBlocks.unsigned(number, previousHash, envelopes);
        previousHash = BlockHashes.headerHash(unsigned.getHeader());
        OrdererBlocks.Signer signer = new OrdererBlocks.Signer() {
            @Override
            public ByteString identity() {
                return orderer.serialized(orderer.peer());
            }

            @Override
            public byte[] sign(byte[] message) {
                return orderer.peer().key().sign(message, HashFunction.SHA256);
            }
        };
        return OrdererBlocks.sign(unsigned, 0, ByteString.EMPTY, signer, ByteString.copyFromUtf8("n" + number));
    }

    private static ConfigGroup.Builder orgGroup(Org org, MSPRole.MSPRoleType endorsementRole) {
        ByteString caPem = ByteString.copyFromUtf8(org.ca().certificate().certificatePem());
        FabricMSPConfig msp = FabricMSPConfig.newBuilder().setName(org.mspId()).addRootCerts(caPem)
                .setFabricNodeOus(FabricNodeOUs.newBuilder().setEnable(true)
                        .setClientOuIdentifier(ou(caPem, "client")).setPeerOuIdentifier(ou(caPem, "peer"))
                        .setAdminOuIdentifier(ou(caPem, "admin")).setOrdererOuIdentifier(ou(caPem, "orderer")))
                .build();
        return ConfigGroup.newBuilder()
                .putValues("MSP", ConfigValue.newBuilder().setValue(MSPConfig.newBuilder().setConfig(msp.toByteString())
                        .build().toByteString()).build())
                .putPolicies("Endorsement", signature(org.mspId(), endorsementRole));
    }

    private static FabricOUIdentifier ou(ByteString caPem, String ou) {
        return FabricOUIdentifier.newBuilder().setCertificate(caPem).setOrganizationalUnitIdentifier(ou).build();
    }

    private static ConfigPolicy signature(String mspId, MSPRole.MSPRoleType role) {
        SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(0))))
                .addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                        .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).setRole(role).build().toByteString()))
                .build();
        return ConfigPolicy.newBuilder().setPolicy(Policy.newBuilder().setType(1).setValue(envelope.toByteString())).build();
    }

    private static ConfigPolicy meta(String subPolicy) {
        return ConfigPolicy.newBuilder().setPolicy(Policy.newBuilder().setType(3).setValue(ImplicitMetaPolicy.newBuilder()
                .setSubPolicy(subPolicy).setRule(ImplicitMetaPolicy.Rule.MAJORITY).build().toByteString())).build();
    }

    private static KVWrite write(String key, ByteString value) {
        return KVWrite.newBuilder().setKey(key).setValue(value).build();
    }

    private static byte[] sha256(ByteString bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
