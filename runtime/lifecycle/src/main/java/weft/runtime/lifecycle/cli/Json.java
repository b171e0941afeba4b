package weft.runtime.lifecycle.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads collection-config JSON strictly (RFC 8259, with Gson) into plain Java values: objects become ordered
 * maps, arrays lists, numbers {@link BigDecimal}, {@code null} Java null. Errors carry Gson's position.
 */
final class Json {

    /** Deeper nesting than this is refused rather than risking the stack on hostile input. */
    private static final int MAX_DEPTH = 200;

    private Json() {
    }

    static Object parse(String text) throws CliOptionException {
        if (text.isBlank()) {
            throw new CliOptionException("could not parse the collection configuration: the file is empty");
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(MAX_DEPTH);
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new CliOptionException("could not parse the collection configuration: unexpected text after "
                        + "the JSON value");
            }
            return plain(root);
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new CliOptionException("could not parse the collection configuration: not valid JSON: "
                    + firstLine(e), e);
        }
    }

    /** Gson's message without the exception class it wraps and the troubleshooting link it appends. */
    private static String firstLine(Exception e) {
        Throwable cause = e.getCause() != null && e.getMessage() != null && e.getMessage().startsWith("java.")
                ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.replaceFirst("^[\\w.]+(Exception|Error): ", "");
    }

    private static Object plain(JsonElement element) {
        if (element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonArray array) {
            List<Object> items = new ArrayList<>(array.size());
            array.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (element instanceof JsonObject object) {
            Map<String, Object> members = new LinkedHashMap<>();
            object.entrySet().forEach(member -> members.put(member.getKey(), plain(member.getValue())));
            return members;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            return new BigDecimal(primitive.getAsString());
        }
        return primitive.getAsString();
    }
}
