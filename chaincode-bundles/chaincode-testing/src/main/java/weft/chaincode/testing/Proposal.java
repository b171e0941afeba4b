package weft.chaincode.testing;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client sends to run a chaincode once, for {@link InMemoryLedger#newTransaction(Proposal)}: the arguments
 * (function name first), the creator, transient data, the init flag, and optionally the timestamp and nonce (when
 * {@code null}, the ledger's clock and a random nonce are used; the transaction id is Fabric's
 * hex(SHA-256(nonce ‖ creator))).
 * <pre>{@code
 * Proposal proposal = Proposal.of(alice, "CreateAsset", "asset1", "blue", "5", "Tomoko", "300")
 *         .withTransient("price", ByteString.copyFromUtf8("300"));
 * }</pre>
 */
public record Proposal(List<ByteString> args, ByteString creator, Map<String, ByteString> transientData,
        boolean init, Instant timestamp, ByteString nonce) {

    public Proposal {
        args = List.copyOf(args);
        Objects.requireNonNull(creator, "creator");
        transientData = Map.copyOf(transientData);
    }

    /** A proposal from {@code creator} to run {@code function} with string parameters. */
    public static Proposal of(TestIdentity creator, String function, String... parameters) {
        List<ByteString> args = new ArrayList<>();
        args.add(ByteString.copyFromUtf8(function));
        for (String parameter : parameters) {
            args.add(ByteString.copyFromUtf8(parameter));
        }
        return new Proposal(args, creator.serialize(), Map.of(), false, null, null);
    }

    /** A proposal with raw argument bytes and any creator bytes (also malformed ones, to test how chaincode copes). */
    public static Proposal ofBytes(ByteString creator, List<ByteString> args) {
        return new Proposal(args, creator, Map.of(), false, null, null);
    }

    /** The same proposal with one more transient entry. */
    public Proposal withTransient(String key, ByteString value) {
        Map<String, ByteString> data = new LinkedHashMap<>(transientData);
        data.put(key, value);
        return new Proposal(args, creator, data, init, timestamp, nonce);
    }

    /** The same proposal with the init flag set (runs {@code Chaincode.init}). */
    public Proposal asInit() {
        return new Proposal(args, creator, transientData, true, timestamp, nonce);
    }

    /** The same proposal with a fixed channel-header timestamp. */
    public Proposal at(Instant time) {
        return new Proposal(args, creator, transientData, init, Objects.requireNonNull(time, "time"), nonce);
    }

    /** The same proposal with a fixed nonce, hence a fixed transaction id. */
    public Proposal withNonce(ByteString fixedNonce) {
        return new Proposal(args, creator, transientData, init, timestamp, Objects.requireNonNull(fixedNonce, "nonce"));
    }
}
