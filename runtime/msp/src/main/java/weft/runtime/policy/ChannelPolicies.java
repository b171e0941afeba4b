package weft.runtime.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import weft.api.identity.Identity;
import weft.api.identity.IdentityDeserializer;
import weft.api.identity.SignedData;

/**
 * The policies of a channel's config tree, addressed by path ({@code /Channel/Application/Endorsement}).
 * Signature policies are compiled once; an implicit-meta policy counts how many direct child groups satisfy
 * their policy of the named sub-policy: ANY needs one, ALL every child, MAJORITY more than half; a child without
 * that sub-policy counts as not satisfied, and a group with no children satisfies any rule.
 */
public final class ChannelPolicies {

    private static final String ROOT = "Channel";

    /** One config group's policies and its children. */
    private record Group(String path, Map<String, Evaluable> policies, Map<String, Group> children) {
    }

    /** A compiled policy of the tree. */
    private interface Evaluable {
        boolean evaluate(List<Identity> signers);
    }

    private final Group root;
    private final IdentityDeserializer deserializer;

    private ChannelPolicies(Group root, IdentityDeserializer deserializer) {
        this.root = root;
        this.deserializer = deserializer;
    }

    /** Compiles every policy of the channel group; identities are deserialized with the channel's MSPs. */
    public static ChannelPolicies fromConfig(ConfigGroup channelGroup, IdentityDeserializer deserializer)
            throws PolicyException {
        return new ChannelPolicies(group("/" + ROOT, channelGroup), deserializer);
    }

    private static Group group(String path, ConfigGroup config) throws PolicyException {
        Map<String, Group> children = new LinkedHashMap<>();
        for (String name : config.getGroupsMap().keySet().stream().sorted().toList()) {
            children.put(name, group(path + "/" + name, config.getGroupsMap().get(name)));
        }
        Map<String, Evaluable> policies = new LinkedHashMap<>();
        Group group = new Group(path, policies, children);
        for (Map.Entry<String, ConfigPolicy> entry : config.getPoliciesMap().entrySet()) {
            policies.put(entry.getKey(), compile(group, path + "/" + entry.getKey(), entry.getValue().getPolicy()));
        }
        return group;
    }

    private static Evaluable compile(Group group, String path, Policy policy) throws PolicyException {
        try {
            switch (policy.getType()) {
                case 1 -> { // SIGNATURE
                    SignaturePolicy compiled = SignaturePolicy.compile(SignaturePolicyEnvelope.parseFrom(policy.getValue()));
                    return compiled::isSatisfiedBy;
                }
                case 3 -> { // IMPLICIT_META
                    ImplicitMetaPolicy meta = ImplicitMetaPolicy.parseFrom(policy.getValue());
                    return signers -> implicitMeta(group, meta, signers);
                }
                default -> throw new PolicyException("policy " + path + " has unsupported type " + policy.getType()
                        + " (only SIGNATURE and IMPLICIT_META are defined)");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new PolicyException("policy " + path + " is malformed: " + e.getMessage(), e);
        } catch (PolicyException e) {
            throw e.getMessage().startsWith("policy ") ? e : new PolicyException("policy " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean implicitMeta(Group group, ImplicitMetaPolicy meta, List<Identity> signers) {
        int children = group.children().size();
        int threshold = switch (meta.getRule()) {
            case ANY -> children == 0 ? 0 : 1;
            case ALL -> children;
            case MAJORITY -> children == 0 ? 0 : children / 2 + 1;
            default -> Integer.MAX_VALUE;
        };
        int satisfied = 0;
        for (Group child : group.children().values()) {
            Evaluable sub = child.policies().get(meta.getSubPolicy());
            if (sub != null && sub.evaluate(signers)) {
                satisfied++;
            }
        }
        return satisfied >= threshold;
    }

    /** Whether a policy exists at {@code path}. */
    public boolean exists(String path) {
        return find(path).isPresent();
    }

    /**
     * Checks that {@code signatures} satisfy the policy at {@code path}.
     *
     * @throws PolicyException when there is no such policy or it is not satisfied
     */
    public void evaluate(String path, List<SignedData> signatures) throws PolicyException {
        Evaluable policy = find(path).orElseThrow(() -> new PolicyException("no policy " + path
                + " in the channel configuration"));
        List<Identity> signers = SignatureSet.validSigners(signatures, deserializer);
        if (!policy.evaluate(signers)) {
            throw new PolicyException("policy " + path + " is not satisfied by the " + signers.size()
                    + " valid signer(s) of " + signatures.size() + " signature(s)");
        }
    }

    private Optional<Evaluable> find(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(List.of(path.substring(1).split("/")));
        if (parts.size() < 2 || !parts.get(0).equals(ROOT)) {
            return Optional.empty();
        }
        Group group = root;
        for (String name : parts.subList(1, parts.size() - 1)) {
            group = group.children().get(name);
            if (group == null) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(group.policies().get(parts.get(parts.size() - 1)));
    }
}
