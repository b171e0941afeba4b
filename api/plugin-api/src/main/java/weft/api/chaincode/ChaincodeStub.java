package weft.api.chaincode;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The chaincode's view of one proposal: its arguments and context, and the channel's world state as of a
 * consistent snapshot. Reads record the version they saw and writes are buffered, together forming the
 * transaction's read-write set; a read after a write in the same invocation does <em>not</em> see the write
 * (Fabric's rule), it sees committed state.
 *
 * <p>Keys are non-empty UTF-8 strings; values are bytes. A key may not start with {@code U+0000} unless it is a
 * {@link CompositeKey}. Every method fails with {@link ChaincodeException} on bad input (a bad key, a query the
 * transaction kind does not allow), which fails the proposal with that message.
 */
@ProviderType
public interface ChaincodeStub {

    // ---- the proposal ----

    /** All arguments as sent by the client, the function name first. */
    List<ByteString> args();

    /** The first argument as a string: the function to run. Empty when there are no arguments. */
    String function();

    /** The arguments after the function name, as strings. */
    List<String> parameters();

    /** The transaction id: hex(SHA-256(nonce ‖ creator)). */
    String txId();

    /** The channel the proposal is for. */
    String channelId();

    /** The timestamp the client put in the channel header; the same on every endorser. */
    Instant txTimestamp();

    /** The client's identity: a marshalled {@code msp.SerializedIdentity} (MSP id and certificate). */
    ByteString creator();

    /** The transient data the client sent; it is never written to the ledger. */
    Map<String, ByteString> transientData();

    /** True when the proposal asks to run the chaincode's initialisation. */
    boolean isInit();

    // ---- public state ----

    /** The committed value of {@code key}, or an empty ByteString when it has none. */
    ByteString getState(String key);

    /** {@link #getState} decoded as UTF-8; empty when the key has no value. */
    String getStringState(String key);

    /** Writes {@code value} to {@code key} when the transaction commits. An empty value is a delete. */
    void putState(String key, ByteString value);

    /** {@link #putState} with a UTF-8 value. */
    void putStringState(String key, String value);

    /** Deletes {@code key} when the transaction commits. */
    void delState(String key);

    /**
     * The keys from {@code startKey} (inclusive) to {@code endKey} (exclusive), in key order; an empty bound is
     * open. Composite keys are never included. The range is re-checked at commit, so a key added to it by
     * another transaction in between invalidates this one (a phantom read).
     */
    QueryResults<KeyValue> getStateByRange(String startKey, String endKey);

    /** A page of {@link #getStateByRange}; only in read-only transactions. */
    Page getStateByRangeWithPagination(String startKey, String endKey, int pageSize, String bookmark);

    /** All keys whose composite key starts with {@code partialKey}'s type and attributes. */
    QueryResults<KeyValue> getStateByPartialCompositeKey(CompositeKey partialKey);

    /** A page of {@link #getStateByPartialCompositeKey}; only in read-only transactions. */
    Page getStateByPartialCompositeKeyWithPagination(CompositeKey partialKey, int pageSize, String bookmark);

    /** Every committed change of {@code key}, newest first. Not re-checked at commit, as in Fabric. */
    QueryResults<KeyModification> getHistoryForKey(String key);

    // ---- key-level endorsement ----

    /**
     * The key-level endorsement policy of {@code key} (a marshalled {@code SignaturePolicyEnvelope}), or empty
     * when the key is governed by the chaincode's policy. See {@link KeyEndorsementPolicy}.
     */
    ByteString getStateValidationParameter(String key);

    /**
     * Sets {@code key}'s endorsement policy from the commit on: later changes of the key need endorsements that
     * satisfy it. An empty policy removes it.
     */
    void setStateValidationParameter(String key, ByteString policy);

    // ---- private data ----

    /** The value of {@code key} in a private data collection this peer holds; empty when it has none. */
    ByteString getPrivateData(String collection, String key);

    /** The SHA-256 of {@code key}'s private value, readable on every peer of the channel; empty when none. */
    ByteString getPrivateDataHash(String collection, String key);

    /** Writes a private value: only its hash goes into the transaction, the value to the collection's members. */
    void putPrivateData(String collection, String key, ByteString value);

    /** Deletes a private key when the transaction commits. */
    void delPrivateData(String collection, String key);

    // ---- events ----

    /**
     * Sets the transaction's chaincode event, delivered to listeners when the transaction commits as valid.
     * A later call replaces an earlier one (one event per transaction, as in Fabric).
     */
    void setEvent(String name, ByteString payload);
}
