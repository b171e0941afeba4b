package weft.runtime.operations.admin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code weft-peer plugin} command, as carried in the signed envelope's {@code Payload.data}: a small JSON
 * document {@code {"command":"install","file":"acme-vscc.jar","jar":"<base64>"}}.
 *
 * @param operation what to do
 * @param fileName  the jar's file name in {@code deploy/} (install, update, uninstall); empty for list
 * @param jar       the bundle jar (install, update); empty otherwise
 */
public record PluginCommand(Operation operation, String fileName, byte[] jar) {

    /** The operations {@code POST /admin/plugins} performs. */
    public enum Operation {
        LIST, INSTALL, UPDATE, UNINSTALL;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A plain file name ending in {@code .jar}: no directories, nothing hidden. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*\\.jar");

    public PluginCommand {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(jar, "jar");
    }

    public static PluginCommand list() {
        return new PluginCommand(Operation.LIST, "", new byte[0]);
    }

    /** The JSON bytes the envelope carries. */
    public byte[] toBytes() {
        JsonObject json = new JsonObject();
        json.addProperty("command", operation.text());
        if (!fileName.isEmpty()) {
            json.addProperty("file", fileName);
        }
        if (jar.length > 0) {
            json.addProperty("jar", Base64.getEncoder().encodeToString(jar));
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads and checks a command: a known operation, a plain {@code .jar} file name where one is needed, a jar
     * for install and update.
     *
     * @throws AdminRefusal (400) naming what is wrong
     */
    public static PluginCommand parse(byte[] data) throws AdminRefusal {
        JsonObject json;
        try {
            JsonElement element = JsonParser.parseString(new String(data, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw new AdminRefusal(400, "malformed command: Payload.data must be a JSON object");
            }
            json = element.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new AdminRefusal(400, "malformed command: Payload.data is not JSON: " + e.getMessage(), e);
        }
        String command = string(json, "command");
        Operation operation;
        try {
            operation = Operation.valueOf(command.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AdminRefusal(400, "unknown command '" + command + "'; expected list, install, update or uninstall");
        }
        if (operation == Operation.LIST) {
            return list();
        }
        String file = string(json, "file");
        if (!FILE_NAME.matcher(file).matches()) {
            throw new AdminRefusal(400, "'" + file + "' is not a plugin file name: a plain name ending in .jar "
                    + "(letters, digits, '.', '_', '+', '-'), no directories");
        }
        byte[] jar = new byte[0];
        if (operation != Operation.UNINSTALL) {
            try {
                jar = Base64.getDecoder().decode(string(json, "jar"));
            } catch (IllegalArgumentException e) {
                throw new AdminRefusal(400, "malformed command: 'jar' is not base64: " + e.getMessage(), e);
            }
            if (jar.length == 0) {
                throw new AdminRefusal(400, "malformed command: " + operation.text() + " needs the jar's bytes");
            }
        }
        return new PluginCommand(operation, file, jar);
    }

    private static String string(JsonObject json, String member) throws AdminRefusal {
        JsonElement value = json.get(member);
        if (value == null || !value.isJsonPrimitive()) {
            throw new AdminRefusal(400, "malformed command: '" + member + "' is missing");
        }
        return value.getAsString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PluginCommand command && operation == command.operation
                && fileName.equals(command.fileName) && java.util.Arrays.equals(jar, command.jar);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, fileName, java.util.Arrays.hashCode(jar));
    }

    @Override
    public String toString() {
        return operation.text() + (fileName.isEmpty() ? "" : " " + fileName)
                + (jar.length == 0 ? "" : " (" + jar.length + " bytes)");
    }
}
