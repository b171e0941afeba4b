package weft.chaincode.basic;

import com.google.gson.annotations.SerializedName;

/**
 * An asset as Fabric's asset-transfer-basic sample stores it: the same JSON field names, in alphabetical order
 * (the sample's rule, so every language writes the same bytes), for example
 * {@code {"AppraisedValue":300,"Color":"blue","ID":"asset1","Owner":"Tomoko","Size":5}}.
 */
public record Asset(
        @SerializedName("AppraisedValue") int appraisedValue,
        @SerializedName("Color") String color,
        @SerializedName("ID") String id,
        @SerializedName("Owner") String owner,
        @SerializedName("Size") int size) {

    /** The same asset with another owner. */
    public Asset withOwner(String newOwner) {
        return new Asset(appraisedValue, color, id, newOwner, size);
    }
}
