package weft.runtime.operations.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import weft.launcher.spi.PluginAdmin;

/** Turns the peer's JSON answer to a plugin command into what {@code weft-peer plugin} prints, and its outcome. */
public final class PluginReport {

    private PluginReport() {
    }

    /** The outcome a 200 answer stands for. */
    public static PluginAdmin.Outcome outcome(JsonObject answer) {
        return switch (text(answer, "outcome")) {
            case "ACTIVE", "LISTED", "REMOVED" -> PluginAdmin.Outcome.OK;
            default -> PluginAdmin.Outcome.PROBLEM;
        };
    }

    /** The lines to print for a 200 answer. */
    public static List<String> lines(JsonObject answer) {
        List<String> lines = new ArrayList<>();
        String operation = text(answer, "operation");
        String file = text(answer, "file");
        if (operation.equals("list")) {
            JsonArray bundles = array(answer, "bundles");
            lines.add(bundles.isEmpty() ? "deploy/ holds no plugin jars" : "deploy/ holds " + bundles.size()
                    + (bundles.size() == 1 ? " plugin jar:" : " plugin jars:"));
            for (JsonElement element : bundles) {
                JsonObject bundle = element.getAsJsonObject();
                lines.add(String.format("  %-28s %-28s %-12s %-11s sha256:%s", text(bundle, "file"),
                        text(bundle, "symbolicName"), text(bundle, "version"), text(bundle, "state"),
                        text(bundle, "sha256")));
            }
        } else {
            String done = switch (operation) {
                case "install" -> "installed";
                case "update" -> "updated";
                default -> "uninstalled";
            };
            StringBuilder line = new StringBuilder(done + " deploy/" + file);
            if (answer.has("bundle")) {
                JsonObject bundle = answer.getAsJsonObject("bundle");
                line.append(": bundle ").append(text(bundle, "symbolicName")).append(' ').append(text(bundle, "version"))
                        .append(' ').append(operation.equals("uninstall") ? "removed" : text(bundle, "state"));
                if (!text(bundle, "sha256").isEmpty()) {
                    line.append(" (sha256:").append(text(bundle, "sha256")).append(')');
                }
            }
            lines.add(line.toString());
            JsonArray registers = array(answer, "registers");
            if (!registers.isEmpty()) {
                List<String> names = new ArrayList<>();
                registers.forEach(name -> names.add(name.getAsString()));
                lines.add("registers handler name" + (names.size() == 1 ? " " : "s ") + String.join(", ", names));
                if (array(answer, "handlers").isEmpty()) {
                    lines.add("no handler in the peer's core.yaml names " + String.join(" or ", names)
                            + "; name it under peer.handlers.validators (or endorsers) to use it");
                }
            }
        }
        if (answer.has("problem")) {
            lines.add("problem: " + text(answer, "problem"));
        }
        JsonArray handlers = array(answer, "handlers");
        if (!handlers.isEmpty()) {
            lines.add(operation.equals("list") ? "handlers:" : "handlers now:");
            for (JsonElement element : handlers) {
                JsonObject handler = element.getAsJsonObject();
                String served = text(handler, "bundle").isEmpty() ? ""
                        : " served by " + text(handler, "bundle") + " " + text(handler, "version");
                lines.add("  " + text(handler, "kind") + " " + text(handler, "plugin") + " ("
                        + text(handler, "name") + "): " + text(handler, "state") + served);
                if (!text(handler, "problem").isEmpty()) {
                    lines.add("    " + text(handler, "problem"));
                }
            }
        }
        for (JsonElement element : array(answer, "swaps")) {
            JsonObject swap = element.getAsJsonObject();
            String line = "  swaps of " + swap.get("kind").getAsString() + " " + swap.get("plugin").getAsString() + ": "
                    + swap.get("swaps").getAsLong() + " done, " + swap.get("failedSwaps").getAsLong() + " failed";
            if (!text(swap, "lastFailure").isEmpty()) {
                line += "; last failure: " + text(swap, "lastFailure");
            }
            lines.add(line);
        }
        return lines;
    }

    private static String text(JsonObject json, String member) {
        JsonElement value = json.get(member);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    private static JsonArray array(JsonObject json, String member) {
        JsonElement value = json.get(member);
        return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
    }
}
