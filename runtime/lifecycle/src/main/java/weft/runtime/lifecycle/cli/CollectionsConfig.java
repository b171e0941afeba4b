package weft.runtime.lifecycle.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import weft.runtime.policy.PolicyParser;
import weft.runtime.policy.PolicySyntaxException;

/**
 * Reads a {@code --collections-config} file in Fabric's JSON format into the {@code CollectionConfigPackage} the
 * Fabric CLI would send:
 * <pre>{@code
 * [{"name": "coll1", "policy": "OR('Org1MSP.member','Org2MSP.member')", "requiredPeerCount": 1, "maxPeerCount": 2,
 *   "blockToLive": 0, "memberOnlyRead": true, "memberOnlyWrite": false,
 *   "endorsementPolicy": {"signaturePolicy": "OR('Org1MSP.peer')"}}]
 * }</pre>
 * As in Fabric (Go's JSON decoding), member names match case-insensitively and unknown members are ignored;
 * {@code requiredPeerCount} defaults to 0 and {@code maxPeerCount} to 1.
 */
public final class CollectionsConfig {

    private CollectionsConfig() {
    }

    /** Reads and converts the file at {@code file}. */
    public static CollectionConfigPackage fromFile(Path file) throws CliOptionException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliOptionException("could not read file '" + file + "': " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (CliOptionException e) {
            throw new CliOptionException("invalid collection configuration in file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Converts collection-config JSON text. */
    public static CollectionConfigPackage parse(String json) throws CliOptionException {
        Object root = Json.parse(json);
        if (!(root instanceof List<?> items)) {
            throw new CliOptionException("could not parse the collection configuration: expected a JSON array of "
                    + "collections");
        }
        CollectionConfigPackage.Builder result = CollectionConfigPackage.newBuilder();
        int index = 0;
        for (Object item : items) {
            index++;
            if (!(item instanceof Map<?, ?> map)) {
                throw new CliOptionException("collection " + index + " is not a JSON object");
            }
            result.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(collection(index, map)));
        }
        return result.build();
    }

    private static StaticCollectionConfig collection(int index, Map<?, ?> item) throws CliOptionException {
        String name = string(index, item, "name");
        String where = "collection " + index + (name.isEmpty() ? "" : " ('" + name + "')");
        String policyText = string(index, item, "policy");
        SignaturePolicyEnvelope policy;
        try {
            policy = PolicyParser.parse(policyText);
        } catch (PolicySyntaxException e) {
            throw new CliOptionException(where + ": invalid policy " + policyText + ": " + e.getMessage(), e);
        }
        StaticCollectionConfig.Builder config = StaticCollectionConfig.newBuilder()
                .setName(name)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(policy))
                .setRequiredPeerCount(int32(where, item, "requiredPeerCount", 0))
                .setMaximumPeerCount(int32(where, item, "maxPeerCount", 1))
                .setBlockToLive(uint64(where, item, "blockToLive"))
                .setMemberOnlyRead(bool(where, item, "memberOnlyRead"))
                .setMemberOnlyWrite(bool(where, item, "memberOnlyWrite"));
        Object endorsement = member(item, "endorsementPolicy");
        if (endorsement != null) {
            if (!(endorsement instanceof Map<?, ?> ep)) {
                throw new CliOptionException(where + ": endorsementPolicy must be an object with signaturePolicy or "
                        + "channelConfigPolicy");
            }
            try {
                ApplicationPolicy policyOrNull = LifecycleOptions.applicationPolicy(string(index, ep, "signaturePolicy"),
                        string(index, ep, "channelConfigPolicy"));
                if (policyOrNull != null) {
                    config.setEndorsementPolicy(policyOrNull);
                }
            } catch (CliOptionException e) {
                throw new CliOptionException(where + ": invalid endorsement policy: " + e.getMessage(), e);
            }
        }
        return config.build();
    }

    /** Go's rule: an exact match first, else the first member whose name matches ignoring case. */
    private static Object member(Map<?, ?> item, String name) {
        if (item.containsKey(name)) {
            return item.get(name);
        }
        for (Map.Entry<?, ?> entry : item.entrySet()) {
            if (((String) entry.getKey()).equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String string(int index, Map<?, ?> item, String name) throws CliOptionException {
        Object value = member(item, name);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text)) {
            throw new CliOptionException("collection " + index + ": " + name + " must be a string, not " + value);
        }
        return text;
    }

    private static boolean bool(String where, Map<?, ?> item, String name) throws CliOptionException {
        Object value = member(item, name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new CliOptionException(where + ": " + name + " must be true or false, not " + value);
        }
        return b;
    }

    private static int int32(String where, Map<?, ?> item, String name, int absent) throws CliOptionException {
        Object value = member(item, name);
        if (value == null) {
            return absent;
        }
        BigInteger n = whole(where, name, value);
        if (n.bitLength() > 31) {
            throw new CliOptionException(where + ": " + name + " " + n + " does not fit a 32-bit integer");
        }
        return n.intValueExact();
    }

    private static long uint64(String where, Map<?, ?> item, String name) throws CliOptionException {
        Object value = member(item, name);
        if (value == null) {
            return 0;
        }
        BigInteger n = whole(where, name, value);
        if (n.signum() < 0 || n.bitLength() > 64) {
            throw new CliOptionException(where + ": " + name + " " + n + " is not an unsigned 64-bit integer");
        }
        return n.longValue(); // an unsigned value above Long.MAX_VALUE keeps its 64 bits, as protobuf's uint64
    }

    private static BigInteger whole(String where, String name, Object value) throws CliOptionException {
        if (!(value instanceof BigDecimal number)) {
            throw new CliOptionException(where + ": " + name + " must be a number, not \"" + value + "\"");
        }
        try {
            return number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new CliOptionException(where + ": " + name + " must be a whole number, not " + number, e);
        }
    }
}
