package weft.runtime.policy;

import java.util.ArrayList;
import java.util.List;

/** Splits policy text into tokens, remembering where each starts. */
final class PolicyLexer {

    enum Kind { NAME, NUMBER, STRING, OPEN, CLOSE, COMMA, EQUALS, END }

    record Token(Kind kind, String text, int position) {

        String describe() {
            return switch (kind) {
                case END -> "the end of the policy";
                case STRING -> "'" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    private PolicyLexer() {
    }

    /**
     * White space as Go's {@code unicode.IsSpace} defines it (what Fabric's parser skips): ASCII spaces, U+0085,
     * and Unicode space separators — but not U+001C..U+001F, which Java's {@code isWhitespace} would accept.
     */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85
                || Character.isSpaceChar(c);
    }

    static List<Token> tokens(String text) throws PolicySyntaxException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i++));
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ",", i++));
            } else if (c == '=') {
                tokens.add(new Token(Kind.EQUALS, "=", i++));
            } else if (c == '\'' || c == '"') {
                int start = i++;
                StringBuilder value = new StringBuilder();
                while (i < text.length() && text.charAt(i) != c) {
                    // A backslash takes the next character literally, as Fabric's expression lexer does.
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    throw new PolicySyntaxException("unterminated string starting here", start);
                }
                tokens.add(new Token(Kind.STRING, value.toString(), start));
                i++;
            } else if (Character.isDigit(c) || c == '-') {
                int start = i++;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, text.substring(start, i), start));
            } else {
                throw new PolicySyntaxException("unexpected character '" + c + "'", i);
            }
        }
        tokens.add(new Token(Kind.END, "", text.length()));
        return tokens;
    }
}
