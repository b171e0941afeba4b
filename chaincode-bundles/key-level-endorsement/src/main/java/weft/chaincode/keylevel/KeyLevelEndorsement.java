package weft.chaincode.keylevel;

import com.google.gson.Gson;
import com.google.protobuf.ByteString;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import weft.api.chaincode.Chaincode;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.KeyEndorsementPolicy;
import weft.api.chaincode.Response;

/**
 * Keeps values under keys and lets clients decide, per key, which organisations must endorse its next change:
 * Fabric's state-based endorsement, as in its {@code asset-transfer-sbe} sample and the {@code keylevelep} test
 * chaincode. A plain {@link Chaincode} (not a contract), because the organisation lists have variable length:
 * <ul>
 * <li>{@code setVal key value} writes the value; {@code getVal key} returns it;</li>
 * <li>{@code addOrgs key msp...} requires a peer of each named MSP to endorse later changes of the key, on top of
 *     the organisations already required; {@code delOrgs key msp...} drops them, and dropping the last one
 *     removes the key's policy, so the chaincode's endorsement policy applies again;</li>
 * <li>{@code listOrgs key} returns the required MSP ids as a sorted JSON array ({@code []} when the key has no
 *     policy of its own).</li>
 * </ul>
 * Changing a key's policy is itself a change of the key, so it needs endorsements that satisfy the policy in
 * force before the change. A policy needs an existing key: Fabric keeps no policy for a key without a value.
 */
@Component(service = Chaincode.class)
public final class KeyLevelEndorsement implements Chaincode {

    private final Gson gson = new Gson();

    @Override
    public Response invoke(ChaincodeStub stub) {
        try {
            return run(stub);
        } catch (ChaincodeException e) {
            return new Response(Response.ERROR, e.getMessage(), e.payload());
        }
    }

    private Response run(ChaincodeStub stub) {
        List<String> args = stub.parameters();
        return switch (stub.function()) {
            case "setVal" -> {
                expect(args, 2, "setVal key value");
                stub.putStringState(key(args), args.get(1));
                yield Response.success();
            }
            case "getVal" -> {
                expect(args, 1, "getVal key");
                yield Response.success(existing(stub, key(args)));
            }
            case "addOrgs" -> {
                expectAtLeast(args, 2, "addOrgs key msp...");
                String key = key(args);
                existing(stub, key);
                KeyEndorsementPolicy policy = KeyEndorsementPolicy.parse(stub.getStateValidationParameter(key));
                policy.addOrgs(KeyEndorsementPolicy.Role.PEER, mspIds(args));
                stub.setStateValidationParameter(key, policy.toPolicy());
                yield Response.success();
            }
            case "delOrgs" -> {
                expectAtLeast(args, 2, "delOrgs key msp...");
                String key = key(args);
                existing(stub, key);
                KeyEndorsementPolicy policy = KeyEndorsementPolicy.parse(stub.getStateValidationParameter(key));
                policy.delOrgs(mspIds(args));
                // An empty list would be a policy that any endorsement satisfies: remove the policy instead.
                stub.setStateValidationParameter(key, policy.toPolicy());
                yield Response.success();
            }
            case "listOrgs" -> {
                expect(args, 1, "listOrgs key");
                List<String> orgs = KeyEndorsementPolicy.parse(stub.getStateValidationParameter(key(args))).orgs()
                        .stream().sorted().toList();
                yield Response.success(gson.toJson(orgs));
            }
            default -> Response.error("unknown function '" + stub.function()
                    + "'; this chaincode has setVal, getVal, addOrgs, delOrgs and listOrgs");
        };
    }

    private static String existing(ChaincodeStub stub, String key) {
        String value = stub.getStringState(key);
        if (value.isEmpty()) {
            throw new ChaincodeException(String.format("the asset %s does not exist", key));
        }
        return value;
    }

    private static String key(List<String> args) {
        if (args.get(0).isEmpty()) {
            throw new ChaincodeException("the key must not be empty");
        }
        return args.get(0);
    }

    private static String[] mspIds(List<String> args) {
        List<String> ids = args.subList(1, args.size());
        if (ids.contains("")) {
            throw new ChaincodeException("an MSP id must not be empty");
        }
        return ids.toArray(String[]::new);
    }

    private static void expect(List<String> args, int count, String usage) {
        if (args.size() != count) {
            throw new ChaincodeException("expected " + count + " argument(s): " + usage + "; got " + args.size());
        }
    }

    private static void expectAtLeast(List<String> args, int count, String usage) {
        if (args.size() < count) {
            throw new ChaincodeException("expected at least " + count + " arguments: " + usage + "; got " + args.size());
        }
    }
}
