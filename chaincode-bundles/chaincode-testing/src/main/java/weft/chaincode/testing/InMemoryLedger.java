package weft.chaincode.testing;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import weft.api.chaincode.KeyModification;

/**
 * The committed world state of one chaincode, in memory: public keys with their versions, key-level endorsement
 * policies and history, and private data collections. Tests run transactions against it with
 * {@link #newTransaction} and apply them with {@link InMemoryStub#commit()}.
 * <pre>{@code
 * InMemoryLedger ledger = new InMemoryLedger();
 * InMemoryStub tx = ledger.newTransaction(alice, "put", "k1", "v1");
 * new MyChaincode().invoke(tx);
 * tx.commit();
 * assertEquals("v1", ledger.state("k1").toStringUtf8());
 * }</pre>
 *
 * <p>Each commit is a block of one transaction; MVCC and phantom-read checks are Fabric's, run at commit. Not
 * modelled: endorsement policies (key-level policies are stored and read back, never enforced), private data
 * collection definitions (any non-empty collection name is accepted) and block-to-purge. Not thread-safe.
 */
public final class InMemoryLedger {

    /** The empty-key sentinel for public state in {@link StateKey}. */
    static final String PUBLIC = "";

    /** One committed key: its value, the commit that last wrote it, and its key-level endorsement policy. */
    record Entry(ByteString value, long version, ByteString validationParameter) {
    }

    /** A key in public state ({@code collection} empty) or in a private collection. */
    record StateKey(String collection, String key) {
    }

    /** A range query as it was answered during simulation, re-run at commit to find phantoms. */
    record RangeRead(String from, String to, List<Map.Entry<String, Long>> results) {
    }

    private final String channelId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final TreeMap<String, Entry> publicState = new TreeMap<>(KeyOrder.INSTANCE);
    private final Map<String, Map<String, Entry>> privateState = new HashMap<>();
    private final Map<String, List<KeyModification>> history = new HashMap<>();
    private long height;

    /** A ledger for channel {@code mychannel} with the system clock. */
    public InMemoryLedger() {
        this("mychannel", Clock.systemUTC());
    }

    public InMemoryLedger(String channelId, Clock clock) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String channelId() {
        return channelId;
    }

    /** How many transactions have been committed: each commit is one block of one transaction. */
    public long height() {
        return height;
    }

    /** Starts simulating a proposal: the stub reads this ledger's committed state and buffers writes. */
    public InMemoryStub newTransaction(Proposal proposal) {
        Instant timestamp = proposal.timestamp() != null ? proposal.timestamp() : clock.instant();
        ByteString nonce = proposal.nonce();
        if (nonce == null) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            nonce = ByteString.copyFrom(bytes);
        }
        return new InMemoryStub(this, proposal, transactionId(nonce, proposal.creator()), timestamp);
    }

    /** Starts simulating {@code function(parameters...)} sent by {@code creator}. */
    public InMemoryStub newTransaction(TestIdentity creator, String function, String... parameters) {
        return newTransaction(Proposal.of(creator, function, parameters));
    }

    /** The committed value of a public key; empty when it has none. */
    public ByteString state(String key) {
        Entry entry = publicState.get(key);
        return entry == null ? ByteString.EMPTY : entry.value();
    }

    /** Every committed public key (simple and composite) with its value, in key order. */
    public Map<String, ByteString> state() {
        Map<String, ByteString> all = new LinkedHashMap<>();
        publicState.forEach((key, entry) -> all.put(key, entry.value()));
        return Collections.unmodifiableMap(all);
    }

    /** The committed key-level endorsement policy of a public key; empty when it has none. */
    public ByteString validationParameter(String key) {
        Entry entry = publicState.get(key);
        return entry == null ? ByteString.EMPTY : entry.validationParameter();
    }

    /** The committed value of a private key; empty when it has none. */
    public ByteString privateData(String collection, String key) {
        Entry entry = privateState.getOrDefault(collection, Map.of()).get(key);
        return entry == null ? ByteString.EMPTY : entry.value();
    }

    // ---- for InMemoryStub ----

    Entry entry(StateKey key) {
        return key.collection().isEmpty() ? publicState.get(key.key())
                : privateState.getOrDefault(key.collection(), Map.of()).get(key.key());
    }

    Long version(StateKey key) {
        Entry entry = entry(key);
        return entry == null ? null : entry.version();
    }

    /** Public keys in [from, to) in key order; {@code to == null} is open. */
    NavigableMap<String, Entry> range(String from, String to) {
        if (to == null) {
            return publicState.tailMap(from, true);
        }
        if (KeyOrder.INSTANCE.compare(from, to) >= 0) {
            return Collections.emptyNavigableMap();
        }
        return publicState.subMap(from, true, to, false);
    }

    List<KeyModification> history(String key) {
        List<KeyModification> changes = new ArrayList<>(history.getOrDefault(key, List.of()));
        Collections.reverse(changes);
        return changes;
    }

    TxValidationCode commit(InMemoryStub tx) {
        for (Map.Entry<StateKey, Long> read : tx.reads().entrySet()) {
            if (!Objects.equals(version(read.getKey()), read.getValue())) {
                return TxValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (RangeRead range : tx.rangeReads()) {
            List<Map.Entry<String, Long>> now = new ArrayList<>();
            range(range.from(), range.to()).forEach((key, entry) -> now.add(Map.entry(key, entry.version())));
            if (!now.equals(range.results())) {
                return TxValidationCode.PHANTOM_READ_CONFLICT;
            }
        }
        long version = ++height;
        tx.pendingWrites().forEach((key, value) -> {
            Entry old = publicState.get(key);
            if (value.isEmpty()) {
                publicState.remove(key);
            } else {
                // A value update keeps the key's endorsement policy, as Fabric's state database does.
                publicState.put(key, new Entry(value, version, old == null ? ByteString.EMPTY : old.validationParameter()));
            }
            history.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new KeyModification(tx.txId(), tx.txTimestamp(), value, value.isEmpty()));
        });
        tx.pendingValidationParameters().forEach((key, policy) -> {
            Entry current = publicState.get(key);
            if (current != null) { // Fabric drops metadata written for a key that does not exist after the commit
                publicState.put(key, new Entry(current.value(), version, policy));
            }
        });
        tx.allPendingPrivateWrites().forEach((collection, writes) -> {
            Map<String, Entry> state = privateState.computeIfAbsent(collection, c -> new HashMap<>());
            writes.forEach((key, value) -> {
                if (value.isEmpty()) {
                    state.remove(key);
                } else {
                    state.put(key, new Entry(value, version, ByteString.EMPTY));
                }
            });
        });
        return TxValidationCode.VALID;
    }

    private static String transactionId(ByteString nonce, ByteString creator) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(nonce.asReadOnlyByteBuffer());
            sha256.update(creator.asReadOnlyByteBuffer());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
