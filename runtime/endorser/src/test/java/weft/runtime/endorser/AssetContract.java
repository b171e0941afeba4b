package weft.runtime.endorser;

import com.google.gson.Gson;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.KeyEndorsementPolicy;
import weft.api.chaincode.KeyValue;
import weft.api.chaincode.Page;
import weft.api.chaincode.QueryResults;
import weft.api.chaincode.contract.Context;
import weft.api.chaincode.contract.Contract;
import weft.api.chaincode.contract.ContractInterface;
import weft.api.chaincode.contract.Transaction;

/** The tests' contract chaincode: assets as JSON, plus functions that misbehave on purpose. */
@Contract(name = "assets")
public final class AssetContract implements ContractInterface {

    private static final Gson GSON = new Gson();

    public record Asset(String id, String color, int size, String owner) {
    }

    @Transaction
    public Asset CreateAsset(Context ctx, String id, String color, int size, String owner) {
        ChaincodeStub stub = ctx.stub();
        if (!stub.getState(id).isEmpty()) {
            throw new ChaincodeException("asset " + id + " already exists");
        }
        Asset asset = new Asset(id, color, size, owner);
        stub.putStringState(id, GSON.toJson(asset));
        return asset;
    }

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public Asset ReadAsset(Context ctx, String id) {
        String json = ctx.stub().getStringState(id);
        if (json.isEmpty()) {
            throw new ChaincodeException("asset " + id + " does not exist", ByteString.copyFromUtf8("{\"code\":404}"));
        }
        return GSON.fromJson(json, Asset.class);
    }

    @Transaction
    public String TransferAsset(Context ctx, String id, String newOwner) {
        Asset asset = ReadAsset(ctx, id);
        ctx.stub().putStringState(id, GSON.toJson(new Asset(id, asset.color(), asset.size(), newOwner)));
        ctx.stub().setEvent("transferred", ByteString.copyFromUtf8(id + "->" + newOwner));
        return asset.owner();
    }

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public List<Asset> GetAllAssets(Context ctx) {
        List<Asset> all = new ArrayList<>();
        try (QueryResults<KeyValue> results = ctx.stub().getStateByRange("", "")) {
            for (KeyValue kv : results) {
                all.add(GSON.fromJson(kv.stringValue(), Asset.class));
            }
        }
        return all;
    }

    @Transaction
    public void DeleteAsset(Context ctx, String id) {
        ReadAsset(ctx, id);
        ctx.stub().delState(id);
    }

    /** Only Org2's peers may endorse later changes of the asset. */
    @Transaction
    public void LockToOrg(Context ctx, String id, String mspId) {
        ReadAsset(ctx, id);
        ctx.stub().setStateValidationParameter(id,
                KeyEndorsementPolicy.empty().addOrgs(KeyEndorsementPolicy.Role.PEER, mspId).toPolicy());
    }

    @Transaction
    public String WhoAmI(Context ctx) {
        return ctx.clientIdentity().mspId() + " " + ctx.clientIdentity().id();
    }

    @Transaction
    public void Fail(Context ctx, String how) {
        switch (how) {
            case "runtime" -> throw new IllegalStateException("the ledger is haunted");
            case "error" -> throw new AssertionError("an Error, not an Exception");
            default -> throw new ChaincodeException("refused: " + how);
        }
    }

    @Transaction
    public String PageThenWrite(Context ctx) {
        Page page = ctx.stub().getStateByRangeWithPagination("", "", 1, "");
        ctx.stub().putStringState("after-page", "x");
        return page.bookmark();
    }

    @Transaction
    public String WriteThenPage(Context ctx) {
        ctx.stub().putStringState("before-page", "x");
        return ctx.stub().getStateByRangeWithPagination("", "", 1, "").bookmark();
    }

    @Transaction
    public void StoreSecret(Context ctx, String collection, String id) {
        ByteString secret = ctx.stub().transientData().get("secret");
        if (secret == null) {
            throw new ChaincodeException("transient field 'secret' is missing");
        }
        ctx.stub().putPrivateData(collection, id, secret);
    }

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public String ReadSecret(Context ctx, String collection, String id) {
        return ctx.stub().getPrivateData(collection, id).toStringUtf8();
    }
}
