package weft.runtime.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Fabric's core.yaml writes them (Go syntax): {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException naming the expected form when {@code text} is not a duration */
    static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int position = 0;
        while (position < trimmed.length() && part.find(position) && part.start() == position) {
            double amount = Double.parseDouble(part.group(1));
            long unitNanos = switch (part.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos(Math.round(amount * unitNanos));
            position = part.end();
        }
        if (trimmed.isEmpty() || position != trimmed.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 500ms, 30s, 5m or 1h30m");
        }
        return total;
    }
}
