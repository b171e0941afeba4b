package weft.chaincode.basic;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.KeyValue;
import weft.api.chaincode.QueryResults;
import weft.api.chaincode.contract.Context;
import weft.api.chaincode.contract.Contract;
import weft.api.chaincode.contract.ContractInterface;
import weft.api.chaincode.contract.Transaction;

/**
 * Fabric's asset-transfer-basic sample: assets kept as JSON under their id, created, read, updated, deleted,
 * transferred to a new owner and listed. Clients written for Fabric's sample (Go, Java or TypeScript) call the same
 * functions with the same arguments and get the same JSON. As Fabric's asset-transfer-events sample, CreateAsset,
 * UpdateAsset, TransferAsset and DeleteAsset emit a chaincode event named after the function whose payload is the
 * asset's JSON (after the change; for DeleteAsset, as it was).
 */
@Contract(name = "basic", isDefault = true)
@Component(service = ContractInterface.class)
public final class AssetTransfer implements ContractInterface {

    // Thread-safe, so one instance serves every proposal. No HTML escaping: "<", ">", "&", "=" and "'" stay as
    // written, as Fabric's Java sample stores them.
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();

    /** Creates the sample's six assets, overwriting any with the same ids. */
    @Transaction
    public void InitLedger(Context ctx) {
        List<Asset> assets = List.of(
                new Asset(300, "blue", "asset1", "Tomoko", 5),
                new Asset(400, "red", "asset2", "Brad", 5),
                new Asset(500, "green", "asset3", "Jin Soo", 10),
                new Asset(600, "yellow", "asset4", "Max", 10),
                new Asset(700, "black", "asset5", "Adriana", 15),
                new Asset(800, "white", "asset6", "Michel", 15));
        for (Asset asset : assets) {
            put(ctx.stub(), asset);
        }
    }

    /** Creates an asset; fails when one with this id exists. */
    @Transaction
    public Asset CreateAsset(Context ctx, String id, String color, int size, String owner, int appraisedValue) {
        checkId(id);
        if (AssetExists(ctx, id)) {
            throw new ChaincodeException(String.format("the asset %s already exists", id));
        }
        Asset asset = new Asset(appraisedValue, color, id, owner, size);
        put(ctx.stub(), asset);
        event(ctx.stub(), "CreateAsset", asset);
        return asset;
    }

    /** The asset with this id; fails when there is none. */
    @Transaction(intent = Transaction.Intent.EVALUATE)
    public Asset ReadAsset(Context ctx, String id) {
        checkId(id);
        String json = ctx.stub().getStringState(id);
        if (json.isEmpty()) {
            throw new ChaincodeException(String.format("the asset %s does not exist", id));
        }
        return parse(id, json);
    }

    /** Replaces an existing asset's fields; fails when there is none. */
    @Transaction
    public Asset UpdateAsset(Context ctx, String id, String color, int size, String owner, int appraisedValue) {
        checkId(id);
        if (!AssetExists(ctx, id)) {
            throw new ChaincodeException(String.format("the asset %s does not exist", id));
        }
        Asset asset = new Asset(appraisedValue, color, id, owner, size);
        put(ctx.stub(), asset);
        event(ctx.stub(), "UpdateAsset", asset);
        return asset;
    }

    /** Deletes an existing asset; fails when there is none. */
    @Transaction
    public void DeleteAsset(Context ctx, String id) {
        Asset asset = ReadAsset(ctx, id);
        ctx.stub().delState(id);
        event(ctx.stub(), "DeleteAsset", asset);
    }

    /** Whether an asset with this id exists. */
    @Transaction(intent = Transaction.Intent.EVALUATE)
    public boolean AssetExists(Context ctx, String id) {
        checkId(id);
        return !ctx.stub().getState(id).isEmpty();
    }

    /** Gives the asset to {@code newOwner} and returns the previous owner. */
    @Transaction
    public String TransferAsset(Context ctx, String id, String newOwner) {
        Asset asset = ReadAsset(ctx, id);
        Asset transferred = asset.withOwner(newOwner);
        put(ctx.stub(), transferred);
        event(ctx.stub(), "TransferAsset", transferred);
        return asset.owner();
    }

    /** Every asset, in id order. Composite keys (none here) are never part of a range query. */
    @Transaction(intent = Transaction.Intent.EVALUATE)
    public List<Asset> GetAllAssets(Context ctx) {
        List<Asset> assets = new ArrayList<>();
        try (QueryResults<KeyValue> all = ctx.stub().getStateByRange("", "")) {
            for (KeyValue entry : all) {
                assets.add(parse(entry.key(), entry.stringValue()));
            }
        }
        return assets;
    }

    private void put(ChaincodeStub stub, Asset asset) {
        stub.putStringState(asset.id(), gson.toJson(asset));
    }

    private void event(ChaincodeStub stub, String name, Asset asset) {
        stub.setEvent(name, ByteString.copyFromUtf8(gson.toJson(asset)));
    }

    private Asset parse(String id, String json) {
        try {
            return gson.fromJson(json, Asset.class);
        } catch (JsonParseException e) {
            throw new ChaincodeException(String.format("the asset %s is not valid JSON: %s", id, e.getMessage()));
        }
    }

    private static void checkId(String id) {
        if (id.isEmpty()) {
            throw new ChaincodeException("the asset id must not be empty");
        }
    }
}
