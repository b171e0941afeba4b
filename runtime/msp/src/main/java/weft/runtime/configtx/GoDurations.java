package weft.runtime.configtx;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in Go's syntax, as channel configs store {@code BatchTimeout}: {@code 2s}, {@code 250ms}, {@code 1m30s}. */
final class GoDurations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDurations() {
    }

    static String format(Duration duration) {
        if (duration.toNanos() % 1_000_000_000L == 0) {
            return duration.toSeconds() + "s";
        }
        if (duration.toNanos() % 1_000_000L == 0) {
            return duration.toMillis() + "ms";
        }
        return duration.toNanos() + "ns";
    }

    /** @throws IllegalArgumentException when {@code text} is not a positive Go duration */
    static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int position = 0;
        while (position < trimmed.length() && part.find(position) && part.start() == position) {
            double amount = Double.parseDouble(part.group(1));
            long unitNanos = switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos(Math.round(amount * unitNanos));
            position = part.end();
        }
        if (trimmed.isEmpty() || position != trimmed.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 2s or 250ms");
        }
        return total;
    }
}
