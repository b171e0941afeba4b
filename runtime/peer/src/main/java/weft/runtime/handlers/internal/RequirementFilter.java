package weft.runtime.handlers.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back what an OSGi requirement filter asks for, so that a refusal can say "package X [2.0.0,3.0.0)"
 * instead of quoting an LDAP filter. Understands the filters that frameworks generate from manifest headers.
 */
final class RequirementFilter {

    private static final Pattern UPPER_EXCLUSIVE = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");
    private static final Pattern LOWER_EXCLUSIVE = Pattern.compile("\\(!\\(version<=([^)]+)\\)\\)");
    private static final Pattern LOWER_INCLUSIVE = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern UPPER_INCLUSIVE = Pattern.compile("\\(version<=([^)]+)\\)");
    private static final Pattern EXACT = Pattern.compile("\\(version=([^)]+)\\)");

    private RequirementFilter() {
    }

    /** The value the filter requires for {@code attribute}, e.g. the package name for {@code osgi.wiring.package}. */
    static Optional<String> attribute(String filter, String attribute) {
        Matcher m = Pattern.compile("\\(" + Pattern.quote(attribute) + "=([^)]+)\\)").matcher(filter);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The version range the filter requires, in OSGi notation ({@code [1.0.0,2.0.0)}, or {@code 1.0.0} for
     * "at least"); empty if the filter does not constrain {@code version}.
     */
    static Optional<String> versionRange(String filter) {
        String rest = filter;
        String upper = null;
        char upperBracket = ')';
        String lower = null;
        char lowerBracket = '[';

        Matcher m = UPPER_EXCLUSIVE.matcher(rest);
        if (m.find()) {
            upper = m.group(1);
            rest = m.replaceAll("");
        }
        m = LOWER_EXCLUSIVE.matcher(rest);
        if (m.find()) {
            lower = m.group(1);
            lowerBracket = '(';
            rest = m.replaceAll("");
        }
        m = LOWER_INCLUSIVE.matcher(rest);
        if (lower == null && m.find()) {
            lower = m.group(1);
        }
        m = UPPER_INCLUSIVE.matcher(rest);
        if (upper == null && m.find()) {
            upper = m.group(1);
            upperBracket = ']';
        }
        m = EXACT.matcher(rest);
        if (lower == null && upper == null && m.find()) {
            return Optional.of("[" + m.group(1) + "," + m.group(1) + "]");
        }
        if (lower == null && upper == null) {
            return Optional.empty();
        }
        if (upper == null) {
            return Optional.of(lowerBracket == '[' ? lower : "(" + lower + ",∞)");
        }
        return Optional.of(lowerBracket + (lower == null ? "0.0.0" : lower) + "," + upper + upperBracket);
    }
}
