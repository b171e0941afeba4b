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

    static List<Token> tokens(String text) throws PolicySyntaxException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
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
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new PolicySyntaxException("unterminated string starting here", i);
                }
                tokens.add(new Token(Kind.STRING, text.substring(i + 1, end), i));
                i = end + 1;
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
