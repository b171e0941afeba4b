package weft.chaincode.utxo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.CompositeKey;
import weft.api.chaincode.KeyValue;
import weft.api.chaincode.QueryResults;
import weft.api.chaincode.contract.ClientIdentity;
import weft.api.chaincode.contract.Context;
import weft.api.chaincode.contract.Contract;
import weft.api.chaincode.contract.ContractInterface;
import weft.api.chaincode.contract.Transaction;

/**
 * A token kept as unspent transaction outputs (UTXO): each output holds an amount of one token type for one owner;
 * a transfer spends whole outputs it names and creates new ones of the same total per type; only the minter's
 * organisation creates tokens from nothing. The state layout, which the UTXO validation plugin reads, is in this
 * module's README.
 *
 * <p>An owner is {@code <MSP id>::x509::<subject>::<issuer>}: the MSP and the certificate names of the client who
 * may spend the output ({@link #ClientID} tells a client its own). The minter's MSP is the component property
 * {@code minterMspId} ({@code Org1MSP} unless configured); every endorsing peer must be configured alike, or
 * their endorsements of a mint will differ.
 */
@Contract(name = "token", isDefault = true)
@Component(service = ContractInterface.class)
public final class TokenContract implements ContractInterface {

    /** The component's configuration. */
    public @interface Config {
        /** The MSP whose clients may mint. */
        String minterMspId() default "Org1MSP";
    }

    // No HTML escaping: owners hold "=" (CN=...), which default Gson would store as \u003d.
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    private final String minterMspId;

    @Activate
    public TokenContract(Config config) {
        this(config.minterMspId());
    }

    public TokenContract(String minterMspId) {
        if (minterMspId == null || minterMspId.isEmpty()) {
            throw new IllegalArgumentException("minter MSP id must not be empty");
        }
        this.minterMspId = minterMspId;
    }

    /** Creates one output of {@code amount} new tokens of {@code type} for {@code owner}; minter only. */
    @Transaction
    public UnspentOutput Mint(Context ctx, String type, long amount, String owner) {
        ClientIdentity client = ctx.clientIdentity();
        if (!client.mspId().equals(minterMspId)) {
            throw new ChaincodeException("client of " + client.mspId() + " may not mint: only " + minterMspId + " mints");
        }
        TokenOutput output = checkOutput(new TokenOutput(owner, type, amount));
        OutputId id = new OutputId(ctx.stub().txId(), 0);
        ctx.stub().putStringState(id.key(), gson.toJson(output));
        UnspentOutput minted = UnspentOutput.of(id, output);
        ctx.stub().setEvent("Mint", ByteString.copyFromUtf8(gson.toJson(List.of(minted))));
        return minted;
    }

    /**
     * Spends the caller's outputs {@code inputs} (ids {@code txid:index}) and creates {@code outputs}, numbered from
     * 0 in the given order; per token type the inputs and outputs must hold the same total.
     */
    @Transaction
    public List<UnspentOutput> Transfer(Context ctx, List<String> inputs, List<TokenOutput> outputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new ChaincodeException("a transfer needs at least one input");
        }
        if (outputs == null || outputs.isEmpty()) {
            throw new ChaincodeException("a transfer needs at least one output");
        }
        ChaincodeStub stub = ctx.stub();
        String caller = owner(ctx.clientIdentity());
        Map<String, Long> in = new TreeMap<>();
        Set<OutputId> spent = new HashSet<>();
        for (String input : inputs) {
            OutputId id = OutputId.parse(input == null ? "" : input);
            // Reads do not see this transaction's writes, so the chaincode itself must refuse a repeated input.
            if (!spent.add(id)) {
                throw new ChaincodeException("output " + id + " is spent twice in this transfer");
            }
            TokenOutput held = read(stub, id);
            if (!held.owner().equals(caller)) {
                throw new ChaincodeException("output " + id + " belongs to " + held.owner() + ", not to the caller " + caller);
            }
            in.merge(held.type(), held.amount(), TokenContract::add);
            stub.delState(id.key());
        }
        Map<String, Long> out = new TreeMap<>();
        List<UnspentOutput> created = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            TokenOutput output = checkOutput(outputs.get(i));
            out.merge(output.type(), output.amount(), TokenContract::add);
            OutputId id = new OutputId(stub.txId(), i);
            stub.putStringState(id.key(), gson.toJson(output));
            created.add(UnspentOutput.of(id, output));
        }
        Set<String> types = new TreeSet<>(in.keySet());
        types.addAll(out.keySet());
        for (String type : types) {
            long sumIn = in.getOrDefault(type, 0L);
            long sumOut = out.getOrDefault(type, 0L);
            if (sumIn != sumOut) {
                throw new ChaincodeException("inputs of type " + type + " hold " + sumIn + " but outputs " + sumOut);
            }
        }
        stub.setEvent("Transfer", ByteString.copyFromUtf8(gson.toJson(created)));
        return created;
    }

    /** An unspent output by id; fails when it was never created or has been spent. */
    @Transaction(intent = Transaction.Intent.EVALUATE)
    public UnspentOutput GetOutput(Context ctx, String outputId) {
        OutputId id = OutputId.parse(outputId);
        return UnspentOutput.of(id, read(ctx.stub(), id));
    }

    /** How many tokens of each type {@code owner}'s unspent outputs hold. Reads every output (see the README). */
    @Transaction(intent = Transaction.Intent.EVALUATE)
    public Map<String, Long> Balance(Context ctx, String owner) {
        Map<String, Long> balance = new TreeMap<>();
        for (UnspentOutput output : ListOutputs(ctx, owner)) {
            balance.merge(output.type(), output.amount(), TokenContract::add);
        }
        return balance;
    }

    /** {@code owner}'s unspent outputs, in key order. */
    @Transaction(intent = Transaction.Intent.EVALUATE)
    public List<UnspentOutput> ListOutputs(Context ctx, String owner) {
        List<UnspentOutput> mine = new ArrayList<>();
        try (QueryResults<KeyValue> all = ctx.stub().getStateByPartialCompositeKey(CompositeKey.of(OutputId.OBJECT_TYPE))) {
            for (KeyValue entry : all) {
                OutputId id = OutputId.fromKey(entry.key());
                TokenOutput output = parse(id, entry.stringValue());
                if (output.owner().equals(owner)) {
                    mine.add(UnspentOutput.of(id, output));
                }
            }
        }
        return mine;
    }

    /** The caller's owner string: what others put in an output to pay the caller. */
    @Transaction(intent = Transaction.Intent.EVALUATE)
    public String ClientID(Context ctx) {
        return owner(ctx.clientIdentity());
    }

    static String owner(ClientIdentity client) {
        return client.mspId() + "::" + client.id();
    }

    private TokenOutput read(ChaincodeStub stub, OutputId id) {
        String json = stub.getStringState(id.key());
        if (json.isEmpty()) {
            throw new ChaincodeException("output " + id + " does not exist or has been spent");
        }
        return parse(id, json);
    }

    private TokenOutput parse(OutputId id, String json) {
        try {
            TokenOutput output = gson.fromJson(json, TokenOutput.class);
            if (output == null || output.owner() == null || output.type() == null) {
                throw new JsonParseException("missing owner or type");
            }
            return output;
        } catch (JsonParseException e) {
            throw new ChaincodeException("output " + id + " is not a valid stored output: " + e.getMessage());
        }
    }

    private static TokenOutput checkOutput(TokenOutput output) {
        if (output == null) {
            throw new ChaincodeException("an output must not be null");
        }
        if (output.owner() == null || output.owner().isEmpty()) {
            throw new ChaincodeException("an output needs an owner");
        }
        if (output.type() == null || output.type().isEmpty()) {
            throw new ChaincodeException("an output needs a token type");
        }
        if (output.amount() <= 0) {
            throw new ChaincodeException("an output's amount must be positive, was " + output.amount());
        }
        return output;
    }

    private static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new ChaincodeException("amounts overflow a 64-bit total");
        }
    }
}
