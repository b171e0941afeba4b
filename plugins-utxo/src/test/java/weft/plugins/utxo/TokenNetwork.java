package weft.plugins.utxo;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import weft.api.validation.ExecutionFailureException;
import weft.api.validation.KeyValueIterator;
import weft.api.validation.State;
import weft.api.validation.StateFetcher;
import weft.api.validation.ValidationPlugin;
import weft.runtime.crypto.Curve;
import weft.runtime.crypto.HashFunction;
import weft.runtime.cryptogen.CertificateAuthority;
import weft.runtime.cryptogen.IssuedCertificate;
import weft.runtime.msp.MspManager;
import weft.runtime.msp.X509Msp;
import weft.runtime.policy.ApplicationPolicyEvaluator;
import weft.runtime.policy.ChannelPolicies;

/**
 * A token channel for tests and the benchmark: Org1 and Org2 with real CAs, a peer and clients each, the channel's
 * real MSPs and policy evaluator, the chaincode policy "a member of Org1 endorses", signed endorser transactions
 * in the token-utxo chaincode's read-write set layout, and committed state that applies the valid transactions'
 * writes in block order (the ledger's part; MVCC is not modelled, so the plugin's own rules are what is tested).
 */
final class TokenNetwork {

    static final String CHAINCODE = "token";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An organisation: its MSP id, CA, peer and named clients. */
    record Org(String mspId, CertificateAuthority ca, IssuedCertificate peer) {
        IssuedCertificate client(String name) {
            return ca.issue(name, "client", Instant.now().minusSeconds(60), Duration.ofDays(365));
        }
    }

    /** A client: its organisation and certificate. */
    record Client(Org org, IssuedCertificate certificate) {
        ByteString serialized() {
            return serialize(org.mspId(), certificate);
        }

        String owner() {
            // As the chaincode's ClientID prints it: the JDK's RFC 2253 names of subject and issuer.
            try {
                java.security.cert.X509Certificate x509 = (java.security.cert.X509Certificate)
                        java.security.cert.CertificateFactory.getInstance("X.509")
                                .generateCertificate(new java.io.ByteArrayInputStream(certificate.der()));
                return org.mspId() + "::x509::" + x509.getSubjectX500Principal().getName("RFC2253") + "::"
                        + x509.getIssuerX500Principal().getName("RFC2253");
            } catch (java.security.cert.CertificateException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An output to create. */
    record Out(String owner, String type, long amount) {
        String json() {
            return "{\"owner\":\"" + owner + "\",\"type\":\"" + type + "\",\"amount\":" + amount + "}";
        }
    }

    final Org org1 = org("Org1MSP");
    final Org org2 = org("Org2MSP");
    final Map<String, ByteString> committed = new ConcurrentSkipListMap<>();
    final ApplicationPolicyEvaluator evaluator;
    final ByteString policy;
    private long nextBlock = 1;
    private long nextTx;

    TokenNetwork() throws Exception {
        MspManager msps = new MspManager(List.of(msp(org1), msp(org2)));
        evaluator = new ApplicationPolicyEvaluator(msps, ChannelPolicies.fromConfig(ConfigGroup.getDefaultInstance(), msps));
        SignaturePolicyEnvelope org1Member = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(0))))
                .addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                        .setPrincipal(MSPRole.newBuilder().setMspIdentifier("Org1MSP").setRole(MSPRole.MSPRoleType.MEMBER)
                                .build().toByteString()))
                .build();
        policy = ApplicationPolicy.newBuilder().setSignaturePolicy(org1Member).build().toByteString();
    }

    Client client(Org org, String name) {
        return new Client(org, org.client(name));
    }

    /** A plugin from the bundle's factory, initialised with this channel's evaluator and committed state. */
    ValidationPlugin plugin() throws Exception {
        ValidationPlugin plugin = new UtxoValidationFactory("Org1MSP").newPlugin();
        plugin.init(evaluator, (StateFetcher) this::state);
        return plugin;
    }

    static String key(String txId, int index) {
        return UtxoTransaction.outputKey(txId, index);
    }

    String newTxId() {
        return HexFormat.of().formatHex(ByteString.copyFromUtf8("tx" + (nextTx++) + "-" + RANDOM.nextLong()).toByteArray());
    }

    /** A transaction spending {@code inputs} (output keys) and creating {@code outputs}, endorsed by Org1's peer. */
    Envelope transfer(Client creator, List<String> inputs, List<Out> outputs) {
        String txId = newTxId();
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        for (String input : inputs) {
            kv.addWrites(KVWrite.newBuilder().setKey(input).setIsDelete(true));
        }
        for (int i = 0; i < outputs.size(); i++) {
            kv.addWrites(KVWrite.newBuilder().setKey(key(txId, i)).setValue(ByteString.copyFromUtf8(outputs.get(i).json())));
        }
        return envelope(txId, creator, kv.build(), org1);
    }

    /** A signed endorser transaction with {@code kv} as the chaincode's write set, endorsed by {@code endorser}'s peer. */
    Envelope envelope(String txId, Client creator, KVRWSet kv, Org endorser) {
        TxReadWriteSet rwset = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(CHAINCODE).setRwset(kv.toByteString())).build();
        ByteString prp = ProposalResponsePayload.newBuilder().setProposalHash(ByteString.copyFromUtf8(txId))
                .setExtension(ChaincodeAction.newBuilder().setResults(rwset.toByteString()).build().toByteString())
                .build().toByteString();
        ByteString endorserId = serialize(endorser.mspId(), endorser.peer());
        ByteString signature = ByteString.copyFrom(endorser.peer().key().sign(prp.concat(endorserId).toByteArray(),
                HashFunction.SHA256));
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(prp)
                .addEndorsements(Endorsement.newBuilder().setEndorser(endorserId).setSignature(signature))).build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder().setPayload(cap.toByteString())).build();
        Header header = Header.newBuilder()
                .setChannelHeader(ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                        .setChannelId("tokens").setTxId(txId).build().toByteString())
                .setSignatureHeader(SignatureHeader.newBuilder().setCreator(creator.serialized()).build().toByteString())
                .build();
        Payload payload = Payload.newBuilder().setHeader(header).setData(transaction.toByteString()).build();
        // The creator's signature is the committer's to check; the plugin relies on it but does not repeat it.
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }

    static String txId(Envelope envelope) throws Exception {
        return ChannelHeader.parseFrom(Payload.parseFrom(envelope.getPayload()).getHeader().getChannelHeader()).getTxId();
    }

    Block block(List<Envelope> envelopes) {
        BlockData.Builder data = BlockData.newBuilder();
        envelopes.forEach(e -> data.addData(e.toByteString()));
        return Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(nextBlock++)
                .setDataHash(ByteString.copyFromUtf8("block" + nextBlock + "-" + RANDOM.nextLong()))).setData(data).build();
    }

    /**
     * Validates every transaction of {@code block} on {@code threads} threads, submitted in {@code order}, then
     * applies the valid ones' writes; returns each transaction's rejection reason, null when valid.
     */
    Rejection[] validateAndCommit(ValidationPlugin plugin, Block block, int threads, List<Integer> order)
            throws Exception {
        Rejection[] verdicts = validate(plugin, block, threads, order);
        for (int tx = 0; tx < verdicts.length; tx++) {
            if (verdicts[tx] == null) {
                apply(block, tx);
            }
        }
        return verdicts;
    }

    Rejection[] validate(ValidationPlugin plugin, Block block, int threads, List<Integer> order) throws Exception {
        Rejection[] verdicts = new Rejection[block.getData().getDataCount()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int position : order) {
                done.add(pool.submit(() -> {
                    try {
                        plugin.validate(block, CHAINCODE, position, 0, new weft.api.validation.SerializedPolicy(policy));
                    } catch (UtxoRejection e) {
                        verdicts[position] = e.reason();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return verdicts;
    }

    private void apply(Block block, int tx) throws Exception {
        Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(tx)).getPayload());
        ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(
                Transaction.parseFrom(payload.getData()).getActions(0).getPayload());
        ChaincodeAction action = ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(
                cap.getAction().getProposalResponsePayload()).getExtension());
        for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(action.getResults()).getNsRwsetList()) {
            for (KVWrite write : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                if (write.getIsDelete()) {
                    committed.remove(write.getKey());
                } else {
                    committed.put(write.getKey(), write.getValue());
                }
            }
        }
    }

    private State state() {
        return new State() {
            @Override
            public Map<String, ByteString> getStateMultipleKeys(String namespace, List<String> keys) {
                Map<String, ByteString> found = new ConcurrentHashMap<>();
                for (String key : keys) {
                    ByteString value = CHAINCODE.equals(namespace) ? committed.get(key) : null;
                    if (value != null) {
                        found.put(key, value);
                    }
                }
                return found;
            }

            @Override
            public KeyValueIterator getStateRangeScanIterator(String namespace, String startKey, String endKey)
                    throws ExecutionFailureException {
                throw new ExecutionFailureException("not used by UtxoValidation");
            }

            @Override
            public Map<String, ByteString> getStateMetadata(String namespace, String key) {
                return Map.of();
            }

            @Override
            public Map<String, ByteString> getPrivateDataMetadataByHash(String namespace, String collection,
                                                                        ByteString keyHash) {
                return Map.of();
            }

            @Override
            public void close() {
            }
        };
    }

    private static Org org(String mspId) {
        CertificateAuthority ca = CertificateAuthority.root("ca." + mspId.toLowerCase(), mspId, Curve.P256, RANDOM);
        return new Org(mspId, ca, ca.issue("peer0." + mspId.toLowerCase(), "peer", Instant.now().minusSeconds(60),
                Duration.ofDays(365)));
    }

    private static X509Msp msp(Org org) throws Exception {
        ByteString caPem = ByteString.copyFromUtf8(org.ca().certificate().certificatePem());
        return X509Msp.fromConfig(FabricMSPConfig.newBuilder().setName(org.mspId()).addRootCerts(caPem)
                .setFabricNodeOus(FabricNodeOUs.newBuilder().setEnable(true)
                        .setClientOuIdentifier(ou(caPem, "client")).setPeerOuIdentifier(ou(caPem, "peer"))
                        .setAdminOuIdentifier(ou(caPem, "admin")).setOrdererOuIdentifier(ou(caPem, "orderer")))
                .build());
    }

    private static FabricOUIdentifier ou(ByteString caPem, String ou) {
        return FabricOUIdentifier.newBuilder().setCertificate(caPem)
                .setOrganizationalUnitIdentifier(ou).build();
    }

    static ByteString serialize(String mspId, IssuedCertificate certificate) {
        return SerializedIdentity.newBuilder().setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(certificate.certificatePem())).build().toByteString();
    }
}
