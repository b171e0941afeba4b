package weft.plugins.utxo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/** An output's value as the token-utxo chaincode stores it: JSON {@code {"owner","type","amount"}}. */
record TokenOutput(String owner, String type, long amount) {

    /**
     * Parses a stored or written value; {@code what} names it in the rejection. The amount must be an integer;
     * one beyond 64 bits is an overflow, zero or negative is refused.
     */
    static TokenOutput parse(String json, String what) throws UtxoRejection {
        JsonObject object;
        try {
            JsonElement element = JsonParser.parseString(json);
            if (!element.isJsonObject()) {
                throw new UtxoRejection(Rejection.MALFORMED_OUTPUT, what + " is not a JSON object");
            }
            object = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new UtxoRejection(Rejection.MALFORMED_OUTPUT, what + " is not JSON: " + e.getMessage());
        }
        String owner = string(object, "owner", what);
        String type = string(object, "type", what);
        JsonElement amount = object.get("amount");
        if (amount == null || !amount.isJsonPrimitive() || !((JsonPrimitive) amount).isNumber()) {
            throw new UtxoRejection(Rejection.MALFORMED_OUTPUT, what + " has no numeric amount");
        }
        BigDecimal exact;
        try {
            exact = amount.getAsBigDecimal();
        } catch (NumberFormatException e) {
            throw new UtxoRejection(Rejection.MALFORMED_OUTPUT, what + " has an amount that is not a number");
        }
        if (exact.stripTrailingZeros().scale() > 0) {
            throw new UtxoRejection(Rejection.MALFORMED_OUTPUT, what + " has an amount that is not an integer: " + exact);
        }
        long value;
        try {
            value = exact.longValueExact();
        } catch (ArithmeticException e) {
            throw new UtxoRejection(Rejection.AMOUNT_OVERFLOW, what + " has an amount beyond 64 bits: " + exact);
        }
        if (value <= 0) {
            throw new UtxoRejection(Rejection.NON_POSITIVE_AMOUNT, what + " has amount " + value + "; it must be positive");
        }
        return new TokenOutput(owner, type, value);
    }

    private static String string(JsonObject object, String field, String what) throws UtxoRejection {
        JsonElement value = object.get(field);
        if (value == null || !value.isJsonPrimitive() || !((JsonPrimitive) value).isString()
                || value.getAsString().isEmpty()) {
            throw new UtxoRejection(Rejection.MALFORMED_OUTPUT, what + " has no " + field);
        }
        return value.getAsString();
    }
}
